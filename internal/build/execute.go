package build

import (
	"bytes"
	"html/template"
	"sync"
	"sync/atomic"

	"treatmentdir/internal/htmlexec"
)

// compiledLayout is a page layout compiled by htmlexec, which executes it
// several times faster than html/template with the same output; the
// escaping is still html/template's.
//
// html/template escapes a layout on its first execution, and htmlexec
// compiles the escaped tree, so the layout is compiled when its first page
// is drawn: html/template draws that page, the compiled layout draws it
// again, and the program is used for the layout's other pages only if the
// bytes are the same. Otherwise, and for any page the program cannot
// finish, html/template draws the page.
type compiledLayout struct {
	sample     *view // a small page to compile with, if not the first page drawn
	once       sync.Once
	prog       atomic.Pointer[htmlexec.Program]
	compileErr error        // why Compile refused the layout; set once, read after the build
	mismatch   atomic.Bool  // compiled, but differed from html/template: a bug to fix
	deferred   atomic.Int64 // pages the program left to html/template
}

// execute draws v with layout t into b: with the compiled layout where it
// can, or, when the build compares the engines (gen check), with both.
func (r *renderer) execute(t *template.Template, b *bytes.Buffer, v *view) error {
	v = r.withTwins(v)
	if r.compareEngines && !r.htmlTemplateOnly {
		return r.executeBoth(t, b, v)
	}
	return r.executeFast(t, b, v)
}

// executeFast draws v with the compiled layout, compiling it first if v is
// the first page drawn with t, and with html/template where it cannot.
func (r *renderer) executeFast(t *template.Template, b *bytes.Buffer, v *view) error {
	cl := r.compiled[t]
	if cl == nil || r.htmlTemplateOnly {
		return r.executeHTMLTemplate(t, b, v)
	}
	compiledNow := false
	cl.once.Do(func() { compiledNow = true })
	if compiledNow && cl.sample != nil && cl.sample != v {
		var want bytes.Buffer
		if r.executeHTMLTemplate(t, &want, cl.sample) == nil {
			cl.compile(r, t, cl.sample, want.Bytes())
		}
	} else if compiledNow {
		start := b.Len()
		if err := r.executeHTMLTemplate(t, b, v); err != nil {
			return err
		}
		cl.compile(r, t, v, b.Bytes()[start:])
		return nil
	}
	if p := cl.prog.Load(); p != nil {
		start := b.Len()
		if p.Execute(b, v) == nil {
			return nil
		}
		b.Truncate(start)
		cl.deferred.Add(1)
	}
	return r.executeHTMLTemplate(t, b, v)
}

func (r *renderer) executeHTMLTemplate(t *template.Template, b *bytes.Buffer, v *view) error {
	if err := t.ExecuteTemplate(b, "baseof.html", v); err != nil {
		return r.templateError(err)
	}
	return nil
}

// sampleWith makes v the page that layout t is compiled with, rather than
// the first page drawn with it, which may be large: when a rebuild draws
// one big state page, html/template would draw it twice.
func (r *renderer) sampleWith(t *template.Template, v *view) {
	if cl := r.compiled[t]; cl != nil && cl.sample == nil {
		cl.sample = v
	}
}

// compile compiles t, which html/template has just escaped by drawing v as
// want, and keeps the program if it draws v the same.
func (cl *compiledLayout) compile(r *renderer, t *template.Template, v *view, want []byte) {
	p, err := htmlexec.Compile(t, "baseof.html", htmlexec.Options{Funcs: r.funcMap, Methods: directMethods(), Calls: r.directCalls(), Pure: pureFuncs})
	if err != nil {
		cl.compileErr = err // a construct htmlexec does not handle: html/template it is, with a warning
		return
	}
	var got bytes.Buffer
	if err := p.Execute(&got, v); err != nil || !bytes.Equal(got.Bytes(), want) {
		cl.mismatch.Store(err == nil)
		return
	}
	cl.prog.Store(p)
}

// pureFuncs are the layouts' functions whose result depends on their
// arguments alone while a renderer draws its pages (each language has its
// renderer and its compiled layouts): a compiled layout works out a call
// of them with literal arguments, {{ T "call" }}, once (htmlexec.Options).
var pureFuncs = []string{"rel", "abs", "asset", "searchIndex", "miles", "comma", "lower", "dict",
	"T", "Tin", "day", "month", "relRoot", "languages"}

// directMethods are the methods layouts call on most pages, which a
// compiled layout calls without reflection. Each is listed for the types
// through which a layout reaches it (an embedded *Center's URL through a
// Neighbor, say).
func directMethods() []htmlexec.Method {
	return []htmlexec.Method{
		htmlexec.Method0("URL", (*Center).URL),
		htmlexec.Method0("URL", (*Neighbor).URL),
		htmlexec.Method0("URL", Neighbor.URL),
		htmlexec.Method0("URL", (*Level).URL),
		htmlexec.Method0("URL", (*State).URL),
		htmlexec.Method0("LevelKey", (*Center).LevelKey),
		htmlexec.Method0("StateURL", (*Center).StateURL),
		htmlexec.Method1("Offers", (*Center).Offers),
		htmlexec.Method0("String", (*Phone).String),
		htmlexec.Method0("String", Phone.String),
		htmlexec.Method0("Tel", (*Phone).Tel),
		htmlexec.Method0("Tel", Phone.Tel),
		htmlexec.Method0("Tel", (*Helpline).Tel),
		htmlexec.Method0("Tel", Helpline.Tel),
		htmlexec.Method0("StreetLines", (*Center).StreetLines),
		htmlexec.Method0("CityURL", (*Center).CityURL),
		htmlexec.Method0("Stale", (*Center).Stale),
		htmlexec.Method1("FacetList", (*Center).FacetList),
		htmlexec.Method1("Onlys", (*Center).Onlys),
		htmlexec.Method0("Only", FacetValues.Only),
		htmlexec.Method0("Only", (*FacetValues).Only),
		htmlexec.Method0("Multilingual", (*Site).Multilingual),
		htmlexec.Method0("Way", ReportConfig.Way),
		htmlexec.Method0("Way", (*ReportConfig).Way),
		htmlexec.Method0("ReasonKeys", ReportConfig.ReasonKeys),
		htmlexec.Method0("ReasonKeys", (*ReportConfig).ReasonKeys),
	}
}

// directCalls are the functions of one argument that layouts call on most
// pages, which a compiled layout calls without reflection; each is the
// function r.funcMap holds under its name.
func (r *renderer) directCalls() []htmlexec.Func {
	var calls []htmlexec.Func
	add := func(name string, wrap func(f any) (htmlexec.Func, bool)) {
		if f, ok := wrap(r.funcMap[name]); ok {
			calls = append(calls, f)
		}
	}
	add("jsonld", func(f any) (htmlexec.Func, bool) {
		g, ok := f.(func(*Center) (template.JS, error))
		return htmlexec.Func1E("jsonld", g), ok
	})
	add("directions", func(f any) (htmlexec.Func, bool) {
		g, ok := f.(func(*Center) string)
		return htmlexec.Func1("directions", g), ok
	})
	add("local", func(f any) (htmlexec.Func, bool) {
		g, ok := f.(func([]*Level) []*Level)
		return htmlexec.Func1("local", g), ok
	})
	add("twins", func(f any) (htmlexec.Func, bool) {
		g, ok := f.(func(string) []Twin)
		return htmlexec.Func1("twins", g), ok
	})
	return calls
}
