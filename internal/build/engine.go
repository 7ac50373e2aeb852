package build

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"slices"
)

// The compiled layouts (execute.go) must draw every page as html/template
// does. A build says when they could not serve: a layout that htmlexec
// cannot compile, or pages it handed back to html/template, are warnings,
// one per layout. gen check goes further and draws every page with both
// engines (Config.CompareEngines), so that a layout a maintainer edits is
// checked by html/template's own output; gen -htmltemplate turns the
// compiled engine off (Config.HTMLTemplateOnly).

// excerptBytes is how much of each engine's page a difference shows on
// each side of the first byte that differs.
const excerptBytes = 40

// executeBoth draws v as a build does, compiled where it can be, then with
// html/template alone, and fails where the two differ.
func (r *renderer) executeBoth(t *template.Template, b *bytes.Buffer, v *view) error {
	start := b.Len()
	if err := r.executeFast(t, b, v); err != nil {
		return err
	}
	var want bytes.Buffer
	if err := r.executeHTMLTemplate(t, &want, v); err != nil {
		return err
	}
	if got := b.Bytes()[start:]; !bytes.Equal(got, want.Bytes()) {
		return r.engineDifference(t, v.URL, got, want.Bytes())
	}
	return nil
}

// engineDifference reports the first byte at which the compiled layout t
// drew the page at url differently from html/template.
func (r *renderer) engineDifference(t *template.Template, url string, got, want []byte) error {
	i := firstDifferentByte(got, want)
	return Errors{{Path: displayPath(r.root, "layouts/"+r.layoutName(t)), Msg: fmt.Sprintf(
		"page %s: the compiled layout and html/template differ at byte %d: compiled %q, html/template %q; "+
			"build with -htmltemplate until internal/htmlexec is fixed",
		url, i, excerpt(got, i), excerpt(want, i))}}
}

// firstDifferentByte is the offset of the first byte where a and b differ, or the
// length of the shorter when one is a prefix of the other.
func firstDifferentByte(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// excerpt is the text of b around offset i.
func excerpt(b []byte, i int) string {
	return string(b[max(0, i-excerptBytes):min(len(b), i+excerptBytes)])
}

// layoutName is the file under layouts/ that t was parsed from.
func (r *renderer) layoutName(t *template.Template) string {
	for name, lt := range r.layouts {
		if lt == t {
			return name
		}
	}
	return "baseof.html"
}

// engineWarnings says, once per layout, where the compiled engine did not
// serve: html/template then drew the pages, with the same bytes but more
// slowly, and a maintainer should know why.
func (r *renderer) engineWarnings() []string {
	if r.htmlTemplateOnly {
		return nil
	}
	rep := &report{}
	for _, name := range slices.Sorted(maps.Keys(r.layouts)) {
		cl := r.compiled[r.layouts[name]]
		warn := func(format string, args ...any) {
			rep.warnOnce("engine "+name+format, Diagnostic{Path: displayPath(r.root, "layouts/"+name), Msg: fmt.Sprintf(format, args...)})
		}
		switch {
		case cl.compileErr != nil:
			warn("the compiled engine cannot compile this layout, so html/template draws its pages, more slowly: %v", cl.compileErr)
		case cl.mismatch.Load():
			warn("the compiled layout drew a page differently from html/template, so html/template draws its pages; " +
				"this is a bug in internal/htmlexec (gen check shows the difference)")
		}
		if n := cl.deferred.Load(); n > 0 {
			warn("html/template drew %s pages that the compiled layout could not finish", Comma(int(n)))
		}
	}
	return rep.Warnings()
}
