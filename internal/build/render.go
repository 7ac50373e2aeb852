package build

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"text/template/parse"
)

// Output receives the files of a build, named by slash-separated paths
// under the output folder ("centers/x/index.html"). Put may be called from
// several goroutines at once and must not keep data after it returns.
type Output interface {
	Put(name string, data []byte) error
}

// view is what a layout is executed with.
type view struct {
	Site        *Site
	Kind        string // home, center, level, guide, state, states, page, 404
	URL         string // the page's path, e.g. /centers/x/
	Title       string
	Description string
	Page        *Page
	Center      *Center
	Nearby      []Neighbor
	Level       *Level
	State       *State
	City        *City // on a city page
	// Twins is the page in each of the site's languages, on a site of
	// several (langrender.go).
	Twins []Twin
}

// spec is a page and the layouts to draw it with, the first found winning.
type spec struct {
	layouts []string
	v       *view
}

// KeyedOutput is an Output that remembers the Key each file was made from,
// so that a later build can skip the files whose inputs have not changed.
type KeyedOutput interface {
	Output
	// Fresh reports whether name, made last time from key, is still in
	// place untouched; it then counts as made by this build.
	Fresh(name string, key Key) bool
	// PutKeyed is Put for a file made from key.
	PutKeyed(name string, key Key, data []byte) error
}

// renderer holds the parsed layouts and published assets of one build.
type renderer struct {
	site    *Site     // as the language drawn shows it
	lang    *Language // the language drawn; nil for a Site made without Load
	root    string
	layouts map[string]*template.Template // by layout file, e.g. centers/page.html
	assets  map[string]*asset
	search  *searchIndex
	keys    *pageKeys

	partials *template.Template // baseof.html and _partials/, for partialCached
	cache    sync.Map           // partialCached's output by name and key

	funcMap          template.FuncMap                       // the layouts' functions, for compiling them too
	compiled         map[*template.Template]*compiledLayout // by page layout (execute.go)
	htmlTemplateOnly bool                                   // never compile layouts (Config.HTMLTemplateOnly)
	compareEngines   bool                                   // draw every page with both engines (Config.CompareEngines)
}

// Render writes every file of the site to out: assets, pages, sitemap.
// It stops at the first layout error.
func Render(fsys fs.FS, s *Site, out Output) (pages int, err error) {
	r := newRenderer(s)
	indexed := make(chan error, 1) // the search index is made and written meanwhile
	go func() {
		idx, err := newSearchIndex(s)
		if err == nil {
			err = idx.publish(out) // at once, to free its bytes
		}
		r.search = idx
		indexed <- err
	}()
	if err := r.prepare(fsys); err != nil {
		<-indexed
		return 0, err
	}
	rs, pageJobs, err := r.languageJobs(fsys) // while the index is still being made
	if ierr := <-indexed; ierr != nil {
		return 0, ierr
	}
	if err != nil {
		return 0, err
	}
	for _, x := range rs[1:] {
		x.search = r.search
	}
	pageJobs = append(pageJobs, r.sitemapJobs(pageJobs)...)
	pageJobs = append(pageJobs, job{name: "robots.txt", render: r.robots})
	for _, a := range r.assets {
		if err := out.Put(a.dest, a.data); err != nil {
			return 0, err
		}
	}
	for i := range pageJobs {
		if pageJobs[i].isPage() {
			pages += pageJobs[i].pages()
		}
	}
	err = runJobs(pageJobs, out)
	for _, x := range rs {
		for _, w := range x.engineWarnings() {
			if !slices.Contains(s.Warnings, w) {
				s.Warnings = append(s.Warnings, w)
			}
		}
	}
	return pages, err
}

// languageJobs lists the pages of every language, the default first,
// with the renderer of each.
func (r *renderer) languageJobs(fsys fs.FS) ([]*renderer, []job, error) {
	rs := []*renderer{r}
	jobs, err := r.jobs()
	if err != nil || len(r.site.Languages) < 2 {
		return rs, jobs, err
	}
	for _, l := range r.site.Languages[1:] {
		x, err := r.forLanguage(fsys, l)
		if err != nil {
			return nil, nil, err
		}
		more, err := x.jobs()
		if err != nil {
			return nil, nil, err
		}
		rs, jobs = append(rs, x), append(jobs, more...)
	}
	return rs, jobs, nil
}

// prepare reads the assets and layouts and keys the pages.
func (r *renderer) prepare(fsys fs.FS) error {
	var err error
	if r.assets, err = readAssets(fsys); err != nil {
		return err
	}
	if err := r.parseLayouts(fsys); err != nil {
		return err
	}
	r.keys, err = newPageKeys(fsys, r.site)
	return err
}

// jobs lists every page of the site in the language drawn; 404.html is
// the default language's. The sitemap, robots.txt and the files of the
// search index are made once for all languages.
func (r *renderer) jobs() ([]job, error) {
	s := r.site
	var jobs []job
	add := func(layouts []string, v *view) error {
		t, err := r.layout(layouts...)
		if err != nil {
			return err
		}
		jobs = append(jobs, job{name: r.outputName(v.URL), render: func(b *bytes.Buffer) error { return r.execute(t, b, v) }})
		return nil
	}
	for _, v := range r.contentViews() {
		if err := add(v.layouts, v.v); err != nil {
			return nil, err
		}
	}
	more, err := r.stateJobs()
	if err != nil {
		return nil, err
	}
	jobs = append(jobs, more...)
	if more, err = r.cityJobs(); err != nil {
		return nil, err
	}
	jobs = append(jobs, more...)
	if more, err = r.centerJobs(); err != nil {
		return nil, err
	}
	jobs = append(jobs, more...)
	if r.lang != nil && !r.lang.Default {
		return jobs, nil // the host serves one 404 page, which offers every language
	}
	notFound := &view{Site: s, Kind: "404", URL: "/404.html", Title: s.text("not_found_title", nil, "Page not found"),
		Description: s.text("not_found_description", nil, "This page does not exist. Search for treatment or call a helpline.")}
	if err := add([]string{"404.html"}, notFound); err != nil {
		return nil, err
	}
	return jobs, nil
}

// contentViews are the pages drawn from content/, and the state index.
func (r *renderer) contentViews() []spec {
	s := r.site
	home := &view{Site: s, Kind: "home", URL: "/", Page: s.Home, Title: s.Home.Title, Description: s.Home.Description}
	views := []spec{{[]string{"home.html"}, home}}
	if s.Guide != nil {
		views = append(views, spec{[]string{"levels/section.html", "section.html"}, pageView(s, "guide", s.Guide)})
	}
	for _, l := range s.Levels {
		v := pageView(s, "level", l.Page)
		v.URL, v.Level = l.URL(), l
		views = append(views, spec{[]string{"levels/page.html", "page.html"}, v})
	}
	for _, p := range s.Pages {
		layouts := []string{"page.html"}
		if strings.HasSuffix(p.File, "_index.md") {
			layouts = []string{"section.html", "page.html"}
		}
		views = append(views, spec{layouts, pageView(s, "page", p)})
	}
	states := &view{Site: s, Kind: "states", URL: "/states/", Title: s.text("states_title", nil, "Treatment centers by state"),
		Description: s.text("states_description", map[string]any{"Count": len(s.Centers)},
			fmt.Sprintf("Browse %d treatment centers by state and city.", len(s.Centers)))}
	return append(views, spec{[]string{"states/section.html", "section.html"}, states})
}

// stateJobs lists the state pages, each keyed by the centers it lists.
func (r *renderer) stateJobs() ([]job, error) {
	s := r.site
	t, err := r.layout("states/page.html", "page.html")
	if err != nil {
		return nil, err
	}
	wide := r.showsSiteWide(t)
	jobs := make([]job, 0, len(s.States))
	var smallest *State
	for _, st := range s.States {
		jobs = append(jobs, job{
			name:   r.outputName(st.URL()),
			key:    func() Key { return r.keys.state(st, wide) },
			render: func(b *bytes.Buffer) error { return r.execute(t, b, stateView(s, st)) },
		})
		if smallest == nil || st.Count < smallest.Count {
			smallest = st
		}
	}
	if smallest != nil {
		r.sampleWith(t, stateView(s, smallest))
	}
	return jobs, nil
}

func stateView(s *Site, st *State) *view {
	data := map[string]any{"Count": st.Count, "State": st.Name}
	return &view{Site: s, Kind: "state", URL: st.URL(), State: st,
		Title: s.text("state_title", data, "Treatment centers in "+st.Name),
		Description: s.text("state_description", data,
			fmt.Sprintf("%d addiction treatment centers in %s, by city, with phone numbers and levels of care.", st.Count, st.Name))}
}

// centerJobs lists the center pages, each keyed by its center and the
// neighbours it lists. The view is only made when the page is rendered.
func (r *renderer) centerJobs() ([]job, error) {
	s := r.site
	t, err := r.layout("centers/page.html", "page.html")
	if err != nil {
		return nil, err
	}
	set := &centerPages{r: r, t: t, wide: r.showsSiteWide(t)}
	if len(s.Centers) == 0 {
		return nil, nil
	}
	return []job{{set: set, n: len(s.Centers)}}, nil
}

// centerPages are the center pages of one language, by the center's
// place in Site.Centers.
type centerPages struct {
	r    *renderer
	t    *template.Template
	wide bool // the layout shows data about every center (showsSiteWide)
}

func (p *centerPages) name(i int) string { return p.r.outputName(p.r.site.Centers[i].URL()) }

func (p *centerPages) key(i int) Key {
	s := p.r.site
	c := s.Centers[i]
	return p.r.keys.center(c, s.Nearby[c.index], p.wide)
}

func (p *centerPages) render(i int, b *bytes.Buffer) error {
	return p.r.execute(p.t, b, centerView(p.r.site, p.r.site.Centers[i]))
}

// showsSiteWide reports whether pages drawn with layout t may show data
// about every center, so that their keys must cover every center.
func (r *renderer) showsSiteWide(t *template.Template) bool {
	return showsSiteWide(func(name string) *parse.Tree {
		if x := t.Lookup(name); x != nil {
			return x.Tree
		}
		return nil
	}, "baseof.html")
}

func pageView(s *Site, kind string, p *Page) *view {
	return &view{Site: s, Kind: kind, URL: p.URL, Page: p, Title: p.Title, Description: p.Description}
}

func centerView(s *Site, c *Center) *view {
	levels := levelNames(s.local(c.Levels))
	desc := s.textOr("center_description", map[string]any{"Name": c.Name, "City": c.City, "State": c.State, "Levels": levels},
		func() string {
			return fmt.Sprintf("%s in %s, %s: %s. Phone, address, directions and payment options.", c.Name, c.City, c.State, levels)
		})
	return &view{Site: s, Kind: "center", URL: c.URL(), Center: c, Nearby: s.Nearby[c.index], Title: c.Title, Description: desc}
}

func levelNames(levels []*Level) string {
	names := make([]string, len(levels))
	for i, l := range levels {
		names[i] = l.Title
	}
	return strings.Join(names, ", ")
}

// outputName maps a page path to its file: /a/ is a/index.html.
func outputName(url string) string {
	if strings.HasSuffix(url, "/") {
		return strings.TrimPrefix(url, "/") + "index.html"
	}
	return strings.TrimPrefix(url, "/")
}
