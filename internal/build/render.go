package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// job is one output file and how to make it. A job with a key func may be
// skipped when its key is the one the file was last made from; one without
// is rendered every time and compared by its bytes.
type job struct {
	name   string
	key    func() Key
	render func(*bytes.Buffer) error
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
	indexed := make(chan error, 1) // the search index is made meanwhile
	go func() {
		var err error
		r.search, err = newSearchIndex(s)
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
	jobs := append(r.search.jobs(), pageJobs...)
	for _, a := range r.assets {
		if err := out.Put(a.dest, a.data); err != nil {
			return 0, err
		}
	}
	for _, j := range jobs {
		if strings.HasSuffix(j.name, ".html") {
			pages++
		}
	}
	err = runJobs(jobs, out)
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

// runJobs renders on every core; output order does not matter because each
// job owns its file. Each worker takes the next job from a shared counter:
// most jobs of a rebuild only find their page fresh, a few microseconds'
// work, and a channel hand-off would cost about as much.
func runJobs(jobs []job, out Output) error {
	workers := runtime.GOMAXPROCS(0)
	var next atomic.Int64
	var failed atomic.Bool
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf bytes.Buffer
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				if err := runJob(jobs[i], out, &buf); err != nil {
					errs[w] = err
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// runJob renders one file into buf, unless out still holds it from the
// same inputs, and hands it to out.
func runJob(j job, out Output, buf *bytes.Buffer) error {
	keyed, ok := out.(KeyedOutput)
	var key Key
	if ok && j.key != nil {
		if key = j.key(); keyed.Fresh(j.name, key) {
			return nil
		}
	}
	buf.Reset()
	if err := j.render(buf); err != nil {
		return err
	}
	if ok {
		return keyed.PutKeyed(j.name, key, buf.Bytes())
	}
	return out.Put(j.name, buf.Bytes())
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
	wide := r.showsSiteWide(t)
	jobs := make([]job, 0, len(s.Centers))
	for _, c := range s.Centers {
		jobs = append(jobs, job{
			name:   r.outputName(c.URL()),
			key:    func() Key { return r.keys.center(c, s.Nearby[c.index], wide) },
			render: func(b *bytes.Buffer) error { return r.execute(t, b, centerView(s, c)) },
		})
	}
	return jobs, nil
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
	desc := s.text("center_description", map[string]any{"Name": c.Name, "City": c.City, "State": c.State, "Levels": levels},
		fmt.Sprintf("%s in %s, %s: %s. Phone, address, directions and payment options.", c.Name, c.City, c.State, levels))
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

func (r *renderer) funcs() template.FuncMap {
	cfg := &r.site.Config
	base := cfg.basePath()
	prefix := r.prefix()
	fm := template.FuncMap{
		"rel": func(p string) string {
			if base == "/" && prefix == "" && strings.HasPrefix(p, "/") {
				return p // the common case, without a copy
			}
			if strings.HasPrefix(p, "/") {
				p = prefix + p
			}
			return base + strings.TrimPrefix(p, "/")
		},
		"abs": func(p string) string {
			if strings.HasPrefix(p, "/") {
				p = prefix + p
			}
			return cfg.BaseURL + encodeURLPath(strings.TrimPrefix(p, "/"))
		},
		"asset": func(name string) (string, error) {
			a, ok := r.assets[name]
			if !ok {
				return "", fmt.Errorf("asset %q not found in static/", name)
			}
			return base + a.dest, nil
		},
		"searchIndex": func() (string, error) {
			if r.search == nil {
				return "", errNoIndex
			}
			return base + r.search.manifest, nil
		},
		"jsonld":        centerJSONLD(cfg),
		"miles":         func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
		"directions":    directionsURL,
		"dict":          dict,
		"partialCached": r.partialCached,
		"comma":         Comma,
		"lower":         strings.ToLower,
	}
	maps.Copy(fm, r.langFuncs(base))
	return fm
}

// dict builds a map for passing several values to a partial.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict needs key and value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// Comma formats n with thousands separators: 20412 is "20,412".
func Comma(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// directionsURL opens turn-by-turn directions in the phone's map app.
func directionsURL(c *Center) string {
	const prefix = "https://www.google.com/maps/dir/?api=1&destination="
	if !c.HasCoords {
		return prefix + queryEscaper.Replace(strings.Join([]string{c.streetOneLine(), c.City, c.State, c.ZIP}, ", "))
	}
	b := make([]byte, 0, len(prefix)+24)
	b = strconv.AppendFloat(append(b, prefix...), c.Lat, 'f', 5, 64)
	b = strconv.AppendFloat(append(b, ','), c.Lon, 'f', 5, 64)
	return string(b)
}

var queryEscaper = strings.NewReplacer("%", "%25", "&", "%26", "#", "%23", "+", "%2B", " ", "+", "?", "%3F")

// centerJSONLD describes a center for search engines as schema.org data.
// json.Marshal escapes <, > and &, so the result is safe inside <script>.
// The fields are in the order of their names.
func centerJSONLD(cfg *Config) func(c *Center) (template.JS, error) {
	return func(c *Center) (template.JS, error) {
		doc := jsonLDClinic{
			Context: "https://schema.org", Type: "MedicalClinic",
			Address: jsonLDAddress{Type: "PostalAddress", Country: "US", Locality: c.City, Region: c.State,
				PostalCode: c.ZIP, Street: c.Street},
			Services:  levelServices(c.Levels),
			Specialty: "https://schema.org/Psychiatric",
			Name:      c.Name, SameAs: c.Website,
			URL: cfg.BaseURL + strings.TrimPrefix(c.URL(), "/"),
		}
		if c.HasCoords {
			doc.Geo = &jsonLDGeo{Type: "GeoCoordinates", Latitude: c.Lat, Longitude: c.Lon}
		}
		if c.Phone.Digits != "" {
			doc.Telephone = "+1-" + c.Phone.Digits[:3] + "-" + c.Phone.Digits[3:6] + "-" + c.Phone.Digits[6:]
		}
		b, err := json.Marshal(doc)
		return template.JS(b), err
	}
}

type (
	jsonLDClinic struct {
		Context   string          `json:"@context"`
		Type      string          `json:"@type"`
		Address   jsonLDAddress   `json:"address"`
		Services  []jsonLDService `json:"availableService"`
		Geo       *jsonLDGeo      `json:"geo,omitempty"`
		Specialty string          `json:"medicalSpecialty"`
		Name      string          `json:"name"`
		SameAs    string          `json:"sameAs,omitempty"`
		Telephone string          `json:"telephone,omitempty"`
		URL       string          `json:"url"`
	}
	jsonLDAddress struct {
		Type       string `json:"@type"`
		Country    string `json:"addressCountry"`
		Locality   string `json:"addressLocality"`
		Region     string `json:"addressRegion"`
		PostalCode string `json:"postalCode"`
		Street     string `json:"streetAddress,omitempty"`
	}
	jsonLDGeo struct {
		Type      string  `json:"@type"`
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
	}
	jsonLDService struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
)

func levelServices(levels []*Level) []jsonLDService {
	out := make([]jsonLDService, len(levels))
	for i, l := range levels {
		out[i] = jsonLDService{Type: "MedicalTherapy", Name: l.Title}
	}
	return out
}

// sitemapMax is the most URLs one sitemap file may list.
const sitemapMax = 50000

// sitemapJobs lists every HTML page but 404.html in sitemap.xml, or in
// numbered sitemaps under a sitemap index when there are too many. The
// URLs are made when a sitemap is drawn, alongside the pages.
func (r *renderer) sitemapJobs(jobs []job) []job {
	var pages []string
	for _, j := range jobs {
		if strings.HasSuffix(j.name, ".html") && j.name != "404.html" {
			pages = append(pages, j.name)
		}
	}
	if len(pages) <= sitemapMax {
		return []job{{name: "sitemap.xml", render: func(b *bytes.Buffer) error { return writeURLSet(b, r.pageURLs(pages)) }}}
	}
	var out []job
	var parts []string
	for i := 0; i < len(pages); i += sitemapMax {
		chunk := pages[i:min(i+sitemapMax, len(pages))]
		name := fmt.Sprintf("sitemap-%d.xml", len(parts)+1)
		parts = append(parts, r.site.Config.BaseURL+name)
		out = append(out, job{name: name, render: func(b *bytes.Buffer) error { return writeURLSet(b, r.pageURLs(chunk)) }})
	}
	out = append(out, job{name: "sitemap.xml", render: func(b *bytes.Buffer) error { return writeSitemapIndex(b, parts) }})
	return out
}

// pageURLs is the absolute URL of each page, named by its output file.
func (r *renderer) pageURLs(names []string) []string {
	urls := make([]string, len(names))
	for i, name := range names {
		urls[i] = r.site.Config.BaseURL + encodeURLPath(strings.TrimSuffix(name, "index.html"))
	}
	return urls
}

func writeURLSet(b *bytes.Buffer, urls []string) error {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		b.WriteString("<url><loc>")
		template.HTMLEscape(b, []byte(u))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return nil
}

func writeSitemapIndex(b *bytes.Buffer, parts []string) error {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range parts {
		b.WriteString("<sitemap><loc>")
		template.HTMLEscape(b, []byte(u))
		b.WriteString("</loc></sitemap>\n")
	}
	b.WriteString("</sitemapindex>\n")
	return nil
}

func (r *renderer) robots(b *bytes.Buffer) error {
	fmt.Fprintf(b, "User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n", r.site.Config.BaseURL)
	return nil
}
