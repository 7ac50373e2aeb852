package importer

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Report is what an import did, for the maintainer to review.
type Report struct {
	// Source names the source, e.g. "findtreatment".
	Source string
	// Read is the number of facilities read from the inputs.
	Read int
	// Added, Updated and Unchanged are the ids of the imported rows.
	Added, Updated, Unchanged []string
	// Gone are the ids of rows whose facility the source no longer has;
	// they were kept, or removed when Pruned is true.
	Gone   []string
	Pruned bool
	// LeftOut counts the facilities not taken, by reason.
	LeftOut map[string]int
	// Unmapped counts, for each source label or code that mapped to no
	// level or facet, the facilities that carry it.
	Unmapped map[string]int
	// Mapped counts, for each source label with the codes it mapped to
	// ("Medicaid → payment medicaid"), the facilities that carry it; the
	// hsds source fills it, to show what a package's taxonomies bring.
	Mapped map[string]int
	// Fixes counts the values the importer corrected, by kind.
	Fixes map[string]int
	// Warnings say what the maintainer should check by hand.
	Warnings []string
}

func newReport(source string) *Report {
	return &Report{Source: source, LeftOut: map[string]int{}, Unmapped: map[string]int{}, Fixes: map[string]int{}}
}

func (r *Report) fix(kind string)       { r.Fixes[kind]++ }
func (r *Report) unmapped(l string)     { r.Unmapped[l]++ }
func (r *Report) leftOut(reason string) { r.LeftOut[reason]++ }

// Count is a label with its number, as the report lists them.
type Count struct {
	Label string
	N     int
}

// byCount lists a map's entries most frequent first, then by label.
func byCount(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, Count{k, m[k]})
	}
	slices.SortStableFunc(out, func(a, b Count) int { return cmp.Compare(b.N, a.N) })
	return out
}

// UnmappedByCount lists the labels that mapped to nothing, most frequent
// first.
func (r *Report) UnmappedByCount() []Count { return byCount(r.Unmapped) }

func (r *Report) goneVerb() string {
	if r.Pruned {
		return "removed because gone from the source"
	}
	return "kept although gone from the source"
}

// WriteText writes the report as the command prints it.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "import %s: %d facilities read\n", r.Source, r.Read)
	fmt.Fprintf(&b, "  added %d, updated %d, unchanged %d, %s %d\n",
		len(r.Added), len(r.Updated), len(r.Unchanged), r.goneVerb(), len(r.Gone))
	section := func(title string, counts []Count) {
		if len(counts) == 0 {
			return
		}
		fmt.Fprintf(&b, "%s:\n", title)
		for _, c := range counts {
			fmt.Fprintf(&b, "  %6d  %s\n", c.N, c.Label)
		}
	}
	section("left out", byCount(r.LeftOut))
	section("fixed", byCount(r.Fixes))
	section("labels that mapped (facilities carrying each)", byCount(r.Mapped))
	section("labels that mapped to nothing (facilities carrying each; add a synonym in content/ to map one)", r.UnmappedByCount())
	if len(r.Gone) > 0 {
		fmt.Fprintf(&b, "%s: %s\n", r.goneVerb(), strings.Join(r.Gone, ", "))
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", warn)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes the report as Markdown to paste into a pull
// request; every value from the data is escaped.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## Import from %s\n\n%d facilities read.\n\n", md(r.Source), r.Read)
	b.WriteString("| | facilities |\n|---|---:|\n")
	fmt.Fprintf(&b, "| added | %d |\n| updated | %d |\n| unchanged | %d |\n| %s | %d |\n",
		len(r.Added), len(r.Updated), len(r.Unchanged), r.goneVerb(), len(r.Gone))
	table := func(title, head string, counts []Count) {
		if len(counts) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n### %s\n\n| %s | facilities |\n|---|---:|\n", title, head)
		for _, c := range counts {
			fmt.Fprintf(&b, "| %s | %d |\n", md(c.Label), c.N)
		}
	}
	table("Left out", "reason", byCount(r.LeftOut))
	table("Fixed", "fix", byCount(r.Fixes))
	table("Labels that mapped", "label", byCount(r.Mapped))
	table("Labels that mapped to nothing", "label", r.UnmappedByCount())
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n### %s\n\n", title)
		for _, it := range items {
			fmt.Fprintf(&b, "- %s\n", md(it))
		}
	}
	list(strings.ToUpper(r.goneVerb()[:1])+r.goneVerb()[1:], r.Gone)
	list("Check by hand", r.Warnings)
	_, err := io.WriteString(w, b.String())
	return err
}

// md escapes text for Markdown, tables included: every punctuation mark
// that Markdown or HTML could read as syntax gets a backslash or an
// entity, and a line break becomes a space.
func md(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		case strings.ContainsRune("\\`*_{}[]()#+-.!|~\"'", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
