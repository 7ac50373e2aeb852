package csvdiff

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"treatmentdir/internal/build"
)

// Summary is the report's first line:
// "3 added, 1 removed, 12 changed (of 400 → 402 centers)".
func (r *Report) Summary() string {
	return fmt.Sprintf("%s added, %s removed, %s changed (of %s → %s centers)",
		build.Comma(len(r.Added)), build.Comma(len(r.Removed)), build.Comma(len(r.Changed)), build.Comma(r.OldCount), build.Comma(r.NewCount))
}

// WriteText writes the report as plain text: the summary, then a section
// each for added, removed and changed centers, leaving out empty ones.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, r.Summary())
	textCenters(bw, "Added", "+", r.Added)
	textCenters(bw, "Removed", "-", r.Removed)
	if len(r.Changed) > 0 {
		fmt.Fprintf(bw, "\nChanged\n")
		for _, c := range r.Changed {
			fmt.Fprintf(bw, "  ~ %s: %s\n", build.Visible(c.New.ID), build.Visible(oneLine(c.New.Name())))
			for _, f := range c.Fields {
				fmt.Fprintf(bw, "      %s\n", build.Visible(f.String()))
			}
		}
	}
	return bw.Flush()
}

// textCenters writes one section of added or removed centers.
func textCenters(w io.Writer, title, mark string, cs []*Center) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", title)
	for _, c := range cs {
		fmt.Fprintf(w, "  %s %s: %s\n", mark, build.Visible(c.ID), build.Visible(place(c)))
	}
}

// place is a center's name, city and state, leaving out empty ones.
func place(c *Center) string {
	var parts []string
	for _, v := range []string{c.Name(), c.Fields["city"], c.Fields["state"]} {
		if v = oneLine(v); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, ", ")
}

// String formats a change as `name: "old" → "new"`, or for a multi-valued
// field `levels: added "php"; removed "iop"`.
func (f FieldChange) String() string {
	if !f.MultiValued {
		return fmt.Sprintf("%s: %s → %s", f.Field, strconv.Quote(f.Old), strconv.Quote(f.New))
	}
	var parts []string
	if len(f.Added) > 0 {
		parts = append(parts, "added "+quoteAll(f.Added))
	}
	if len(f.Removed) > 0 {
		parts = append(parts, "removed "+quoteAll(f.Removed))
	}
	return f.Field + ": " + strings.Join(parts, "; ")
}

func quoteAll(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// WriteMarkdown writes the report as GitHub-flavoured Markdown, for pasting
// into a pull request: the summary, tables of added and removed centers,
// and a list of changed centers with their changed fields.
func (r *Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, r.Summary())
	markdownCenters(bw, "Added", r.Added)
	markdownCenters(bw, "Removed", r.Removed)
	if len(r.Changed) > 0 {
		fmt.Fprintf(bw, "\n### Changed (%s)\n\n", build.Comma(len(r.Changed)))
		for _, c := range r.Changed {
			fmt.Fprintf(bw, "- %s %s\n", markdownID(c.New.ID), markdownText(c.New.Name()))
			for _, f := range c.Fields {
				fmt.Fprintf(bw, "  - %s\n", markdownText(f.String()))
			}
		}
	}
	return bw.Flush()
}

// markdownCenters writes one table of added or removed centers.
func markdownCenters(w io.Writer, title string, cs []*Center) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n### %s (%s)\n\n| id | name | city | state |\n| --- | --- | --- | --- |\n", title, build.Comma(len(cs)))
	for _, c := range cs {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", markdownID(c.ID), markdownText(c.Name()),
			markdownText(c.Fields["city"]), markdownText(c.Fields["state"]))
	}
}

// plainID is an id that reads safely inside a code span, even in a table.
var plainID = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// markdownID shows an id as code when it can be, else as escaped text.
func markdownID(id string) string {
	if plainID.MatchString(id) {
		return "`" + id + "`"
	}
	return markdownText(id)
}

// markdownEscaper escapes the characters that would otherwise start
// Markdown syntax inside a line or end a table cell, and those that make
// GitHub link text by itself: @ starts a mention (which notifies the
// person named), and a scheme's colon or "www." an autolink. It leaves
// the rest, so the raw report stays readable.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `|`, `\|`, `&`, `\&`, `~`, `\~`, `$`, `\$`,
	`@`, `\@`, `://`, `\://`, `www.`, `www\.`,
)

// markdownText is s as literal Markdown text on one line, its control
// characters escaped (see build.Visible).
func markdownText(s string) string {
	return markdownEscaper.Replace(build.Visible(oneLine(s)))
}

// oneLine replaces line breaks and tabs, which a quoted CSV field may hold,
// with spaces, so that each entry of a report is one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
