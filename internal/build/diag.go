package build

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// maxErrors is how many errors a failed run prints before it summarises the rest.
const maxErrors = 50

// Diagnostic is one problem found in the input, located by file, line and column.
// Line and Col are 1-based; 0 means unknown (the file as a whole).
type Diagnostic struct {
	Path    string
	Line    int
	Col     int
	Msg     string
	Warning bool
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

// Error lists the errors sorted by position, at most maxErrors of them.
func (e Errors) Error() string {
	sorted := slices.Clone(e)
	sortDiagnostics(sorted)
	var b strings.Builder
	for i, d := range sorted {
		if i == maxErrors {
			fmt.Fprintf(&b, "and %d more errors\n", len(sorted)-maxErrors)
			break
		}
		b.WriteString(d.String())
		b.WriteByte('\n')
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
// are printed once, with a count.
type report struct {
	errs     Errors
	warnings []warning
	counts   map[string]int
}

type warning struct {
	key string
	d   Diagnostic
}

func (r *report) errorf(path string, line, col int, format string, args ...any) {
	r.errs = append(r.errs, Diagnostic{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// merge adds the errors and warnings of o to r.
func (r *report) merge(o *report) {
	r.errs = append(r.errs, o.errs...)
	for _, w := range o.warnings {
		r.warnOnce(w.key, w.d)
		r.counts[w.key] += o.counts[w.key] - 1
	}
}

// warnOnce records a warning; repeats of the same key only raise its count.
func (r *report) warnOnce(key string, d Diagnostic) {
	if r.counts == nil {
		r.counts = map[string]int{}
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
	return out
}

func (r *report) err() error {
	if len(r.errs) == 0 {
		return nil
	}
	return r.errs
}
