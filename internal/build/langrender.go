package build

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"sync"
	"time"
)

// Each language is drawn by a renderer of its own: the same layouts,
// parsed with functions that speak its language (T, day, month) and lead
// to its pages (rel and abs put /<lang> in front of a path), and the site
// as that language shows it (Site.inLanguage). The assets, the search
// index and the page keys are made once and shared.

// newRenderer makes the renderer of the default language.
func newRenderer(s *Site) *renderer {
	r := &renderer{site: s, root: s.Config.Root,
		htmlTemplateOnly: s.Config.HTMLTemplateOnly, compareEngines: s.Config.CompareEngines}
	if len(s.Languages) > 0 {
		r.lang = s.Languages[0]
		r.site = s.inLanguage(r.lang)
	}
	return r
}

// forLanguage makes the renderer of another language from the default
// language's, once that one is prepared.
func (r *renderer) forLanguage(fsys fs.FS, l *Language) (*renderer, error) {
	base := r.site.base
	if base == nil {
		base = r.site
	}
	t := &renderer{site: base.inLanguage(l), root: r.root, lang: l, assets: r.assets,
		htmlTemplateOnly: r.htmlTemplateOnly, compareEngines: r.compareEngines}
	if err := t.parseLayouts(fsys); err != nil {
		return nil, err
	}
	keys := *r.keys
	keys.lang = l.Code
	t.keys = &keys
	return t, nil
}

// prefix is the path in front of the pages of the language drawn: "" or "/es".
func (r *renderer) prefix() string {
	if r.lang == nil {
		return ""
	}
	return r.lang.Prefix
}

// outputName is the file of a page of the language drawn.
func (r *renderer) outputName(url string) string { return outputName(r.prefix() + url) }

// Twin is a page in one of the site's languages, for the language switch
// and the alternate links.
type Twin struct {
	Lang    *Language
	URL     string // the path, under the base path
	Abs     string // the absolute URL
	Current bool   // the page being drawn
}

// withTwins is v with its Twins, on a site of several languages: a copy,
// since a view may be drawn twice at once (the sample a layout is
// compiled with is also a page).
func (r *renderer) withTwins(v *view) *view {
	if len(r.site.Languages) < 2 || v.Twins != nil {
		return v
	}
	t := *v
	t.Twins = r.twins(v.URL)
	return &t
}

// twins is the page at url in each of the site's languages.
func (r *renderer) twins(url string) []Twin {
	base, cfg := r.site.Config.basePath(), &r.site.Config
	twins := make([]Twin, len(r.site.Languages))
	for i, l := range r.site.Languages {
		p := strings.TrimPrefix(l.Prefix+url, "/")
		twins[i] = Twin{Lang: l, URL: base + p, Abs: cfg.BaseURL + encodeURLPath(p), Current: l == r.lang}
	}
	return twins
}

// langFuncs are the layouts' functions that depend on the language drawn.
func (r *renderer) langFuncs(base string) template.FuncMap {
	return template.FuncMap{
		"T": func(key string, data ...any) (string, error) {
			if r.lang == nil {
				return "", fmt.Errorf("T %q: the site has no languages", key)
			}
			return r.lang.Dict.T(key, data...)
		},
		"Tin": func(code, key string, data ...any) (string, error) {
			for _, l := range r.site.Languages {
				if l.Code == code {
					return l.Dict.T(key, data...)
				}
			}
			return "", fmt.Errorf("Tin: %q is not a language of the site", code)
		},
		"day":       r.dates(true),
		"month":     r.dates(false),
		"local":     r.site.local,
		"relRoot":   func(p string) string { return base + strings.TrimPrefix(p, "/") },
		"languages": func() []*Language { return r.site.Languages },
		"twins":     r.twins,
		"messages":  r.messages,
	}
}

// dates formats dates as Language.date does, remembering each: a site
// shows some thousands of dates on tens of thousands of pages.
func (r *renderer) dates(withDay bool) func(string) string {
	var memo sync.Map
	return func(date string) string {
		if s, ok := memo.Load(date); ok {
			return s.(string)
		}
		s := r.lang.date(date, withDay)
		memo.Store(date, s)
		return s
	}
}

// date writes a YYYY-MM-DD date as people of the language write it, with
// the day ("July 20, 2026", "20 de julio de 2026") or without ("July
// 2026"); i18n keys date_day, date_month and month_1 to month_12 give the
// forms. Without them, English.
func (l *Language) date(date string, withDay bool) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return ""
	}
	key, layout := "date_month", "January 2006"
	if withDay {
		key, layout = "date_day", "January 2, 2006"
	}
	if l == nil || !l.Dict.Has(key) {
		return t.Format(layout)
	}
	month := l.Dict.MustT(fmt.Sprintf("month_%d", int(t.Month())))
	return l.Dict.MustT(key, map[string]any{"Day": t.Day(), "Month": month, "Year": t.Year()})
}

// messages is the search page's interface text for app.js: under "text",
// every key of the language that starts with js_, without the prefix, and
// its one form as <key>_one; under "facets", by URL parameter, the title,
// option labels and "only" lines of the level of care and every facet in
// the language, in the order of the search index, which holds them in the
// default language. json.Marshal escapes <, > and &, so the result is safe
// inside <script type="application/json">.
func (r *renderer) messages() (template.JS, error) {
	text := map[string]string{}
	if r.lang != nil {
		for _, k := range r.lang.Dict.keys {
			name, ok := strings.CutPrefix(k, "js_")
			if !ok {
				continue
			}
			msg := r.lang.Dict.texts[k]
			text[name] = msg.other
			if msg.one != "" {
				text[name+"_one"] = msg.one
			}
		}
	}
	type facetText struct {
		Title  string   `json:"title"`
		Labels []string `json:"labels"`
		Only   []string `json:"only,omitempty"`
	}
	facets := map[string]facetText{}
	levels := facetText{Title: r.site.text("level_of_care", nil, "Level of care")}
	for _, l := range r.site.Levels {
		levels.Labels = append(levels.Labels, l.Title)
	}
	facets[FacetLevel] = levels
	for _, f := range r.site.Facets {
		ft := facetText{Title: f.Title}
		for _, o := range f.Options {
			ft.Labels = append(ft.Labels, o.Label)
			if f.Accepts {
				ft.Only = append(ft.Only, o.OnlyText)
			}
		}
		facets[f.Param] = ft
	}
	b, err := json.Marshal(map[string]any{"text": text, "facets": facets})
	return template.JS(b), err
}

// text is the generator's own text of key (a page title or description)
// in the language of s, or english when the language's file lacks it,
// as a site without i18n/ does.
func (s *Site) text(key string, data map[string]any, english string) string {
	if s.Lang == nil || !s.Lang.Dict.Has(key) {
		return english
	}
	return s.Lang.Dict.MustT(key, data)
}

// textOr is text with the English made only when it is needed: once a
// page, for every center.
func (s *Site) textOr(key string, data map[string]any, english func() string) string {
	if s.Lang == nil || !s.Lang.Dict.Has(key) {
		return english()
	}
	return s.Lang.Dict.MustT(key, data)
}
