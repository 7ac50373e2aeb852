package build

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
)

// layout finds the first of names that exists under layouts/.
func (r *renderer) layout(names ...string) (*template.Template, error) {
	for _, n := range names {
		if t, ok := r.layouts[n]; ok {
			return t, nil
		}
	}
	return nil, Errors{{Path: displayPath(r.root, "layouts"), Msg: fmt.Sprintf("no layout found: looked for %s", strings.Join(names, ", "))}}
}

// parseLayouts reads layouts/: baseof.html and _partials/ are shared; every
// other file is a page layout that defines "main" for baseof.html.
func (r *renderer) parseLayouts(fsys fs.FS) error {
	r.funcMap = r.funcs()
	base := template.New("").Option("missingkey=error").Funcs(r.funcMap)
	var pageFiles []string
	err := fs.WalkDir(fsys, "layouts", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		rel := strings.TrimPrefix(name, "layouts/")
		if rel != "baseof.html" && !strings.HasPrefix(rel, "_partials/") {
			pageFiles = append(pageFiles, rel)
			return nil
		}
		return r.parseInto(fsys, base, rel)
	})
	if err != nil {
		return err
	}
	if base.Lookup("baseof.html") == nil {
		return Errors{{Path: displayPath(r.root, "layouts/baseof.html"), Msg: "missing: every page is drawn inside baseof.html"}}
	}
	r.layouts = map[string]*template.Template{}
	r.compiled = map[*template.Template]*compiledLayout{}
	for _, rel := range pageFiles {
		t := template.Must(base.Clone())
		if err := r.parseInto(fsys, t, rel); err != nil {
			return err
		}
		r.layouts[rel] = t
		r.compiled[t] = &compiledLayout{}
	}
	r.partials = base // executed only after every clone above: html/template forbids cloning after
	return nil
}

// partialCached executes a partial once per key and reuses its output, as
// Hugo's function of that name does. The key must name everything the
// partial shows: the ladder of a center page depends only on the levels
// the center offers, so twenty thousand center pages draw a few dozen
// ladders. The output is html/template's own, escaped for the HTML text
// context in which partials are called.
func (r *renderer) partialCached(name string, data any, key string) (template.HTML, error) {
	k := name + "\x00" + key
	if v, ok := r.cache.Load(k); ok {
		return v.(template.HTML), nil
	}
	var b bytes.Buffer
	if err := r.partials.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	html := template.HTML(b.String())
	r.cache.Store(k, html)
	return html, nil
}

func (r *renderer) parseInto(fsys fs.FS, t *template.Template, rel string) error {
	src, err := fs.ReadFile(fsys, "layouts/"+rel)
	if err != nil {
		return fmt.Errorf("reading layouts/%s: %w", rel, err)
	}
	if _, err := t.New(rel).Parse(string(src)); err != nil {
		return r.templateError(err)
	}
	return nil
}

var templateErrPattern = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateError turns "template: page.html:12:5: ..." into a Diagnostic
// naming the layout file.
func (r *renderer) templateError(err error) error {
	m := templateErrPattern.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return Errors{{Path: displayPath(r.root, "layouts/"+m[1]), Line: line, Col: col, Msg: m[4]}}
}
