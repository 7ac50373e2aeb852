package build

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// maxErrors is how many errors a failed run prints before it summarises the rest.
const maxErrors = 50

// maxWarnings is how many different warnings a run prints; the rest are counted.
const maxWarnings = 50

// Diagnostic is one problem found in the input, located by file, line and column.
// Line and Col are 1-based; 0 means unknown (the file as a whole).
type Diagnostic struct {
	Path    string
	Line    int
	Col     int
	Msg     string
	Warning bool

	more int // not a problem itself: the number of errors a report counted but did not keep
}

// String formats d as path:line:column: message, the form editors jump to,
// with control characters from file names and data escaped (see Visible).
func (d Diagnostic) String() string {
	switch {
	case d.Line == 0:
		return Visible(fmt.Sprintf("%s: %s", d.Path, d.Msg))
	case d.Col == 0:
		return Visible(fmt.Sprintf("%s:%d: %s", d.Path, d.Line, d.Msg))
	}
	return Visible(fmt.Sprintf("%s:%d:%d: %s", d.Path, d.Line, d.Col, d.Msg))
}

// Errors is every error a run found. It is an error itself, so that a build
// can report all of them at once rather than stopping at the first.
type Errors []Diagnostic

// Error lists the errors sorted by position, at most maxErrors of them,
// and how many more there are.
func (e Errors) Error() string {
	more := 0
	sorted := slices.DeleteFunc(slices.Clone(e), func(d Diagnostic) bool {
		more += d.more
		return d.more > 0
	})
	sortDiagnostics(sorted)
	var b strings.Builder
	for i, d := range sorted {
		if i == maxErrors {
			break
		}
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	if more += max(len(sorted)-maxErrors, 0); more > 0 {
		fmt.Fprintf(&b, "and %s more errors\n", Comma(more))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func sortDiagnostics(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// report collects the diagnostics of one run. Warnings with the same message
// are printed once, with a count. Past maxErrors errors and maxWarnings
// different warnings it only counts: errors come in the order of their
// files, so the ones kept are the ones Errors shows, and a file of a
// million bad rows costs no memory for them.
type report struct {
	errs         Errors
	more         int // errors counted but not kept
	warnings     []warning
	counts       map[string]int
	moreWarnings int // warnings counted but not kept
}

type warning struct {
	key string
	d   Diagnostic
}

func (r *report) errorf(path string, line, col int, format string, args ...any) {
	if len(r.errs) >= maxErrors {
		r.more++ // not even formatted
		return
	}
	r.errs = append(r.errs, Diagnostic{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// addErrors keeps the errors ds, as many as fit, and counts the rest.
func (r *report) addErrors(ds []Diagnostic, more int) {
	n := min(len(ds), max(maxErrors-len(r.errs), 0))
	r.errs = append(r.errs, ds[:n]...)
	r.more += len(ds) - n + more
}

// merge adds the errors and warnings of o to r.
func (r *report) merge(o *report) {
	r.addErrors(o.errs, o.more)
	for _, w := range o.warnings {
		r.warnOnce(w.key, w.d)
		r.counts[w.key] += o.counts[w.key] - 1
	}
	r.moreWarnings += o.moreWarnings
}

// warnOnce records a warning; repeats of the same key only raise its count.
func (r *report) warnOnce(key string, d Diagnostic) {
	if r.counts == nil {
		r.counts = map[string]int{}
	}
	if r.counts[key] == 0 && len(r.warnings) >= maxWarnings {
		r.moreWarnings++
		return
	}
	if r.counts[key] == 0 {
		d.Warning = true
		r.warnings = append(r.warnings, warning{key, d})
	}
	r.counts[key]++
}

// Warnings returns the warnings of a run, one line each, with the number of
// times each occurred when more than once.
func (r *report) Warnings() []string {
	var out []string
	for _, w := range r.warnings {
		line := "warning: " + w.d.String()
		if n := r.counts[w.key]; n > 1 {
			line += fmt.Sprintf(" (and %d more like it)", n-1)
		}
		out = append(out, line)
	}
	if r.moreWarnings > 0 {
		out = append(out, fmt.Sprintf("warning: and %s more warnings of other kinds", Comma(r.moreWarnings)))
	}
	return out
}

func (r *report) err() error {
	if len(r.errs) == 0 {
		return nil
	}
	if r.more > 0 {
		return append(slices.Clip(r.errs), Diagnostic{more: r.more})
	}
	return r.errs
}
