package build

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark"
)

// Language is one language of the site: where its pages live, its
// interface text and its translated content. The default language (the
// first of Config.Languages) lives at /, each other at /<code>/ with the
// same paths below it. A page without a translation shows the default
// language's text, with a warning, so that every link still leads somewhere.
type Language struct {
	Code    string
	Name    string // in the language itself ("Español"), i18n key language_name
	Prefix  string // "" for the default language, else "/es"
	Default bool
	Dict    *Dict

	home, guide *Page
	levels      map[string]*twin // by level code
	pages       map[string]*Page // by URL
}

// twin is a translated content file with the front matter it gave.
type twin struct {
	page *Page
	fm   frontMatter
}

// twinFile is a content file named <name>.<lang>.md.
type twinFile struct {
	name, lang string
}

// langSuffix matches the language code of a translated content file:
// about.es.md, _index.pt-br.md.
var langSuffix = regexp.MustCompile(`\.([a-z]{2,3}(?:-[a-z0-9]{2,8})?)\.md$`)

// langCode is what a language code in site.toml may be.
var langCode = regexp.MustCompile(`^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$`)

// twinLang is the language of a translated content file, or "".
func twinLang(name string) string {
	if m := langSuffix.FindStringSubmatch(name); m != nil {
		return m[1]
	}
	return ""
}

// Multilingual reports whether the site has more than one language; only
// then do pages carry a language switch and alternate links.
func (s *Site) Multilingual() bool { return len(s.Languages) > 1 }

// readLanguages reads i18n/ and the translated content of every language.
// A single-language site needs i18n/<lang>.toml only if its layouts call T.
func readLanguages(fsys fs.FS, cfg Config, c *content, rep *report) []*Language {
	codes := cfg.languages()
	var langs []*Language
	var dicts []*Dict
	for i, code := range codes {
		l := &Language{Code: code, Default: i == 0, levels: map[string]*twin{}, pages: map[string]*Page{}}
		if !l.Default {
			l.Prefix = "/" + code
		}
		dictRep := rep
		if len(codes) == 1 {
			dictRep = &report{} // a missing file shows only when a layout asks for a text
		}
		l.Dict = readDict(fsys, cfg.Root, code, dictRep)
		l.Name = l.Dict.MustT("language_name")
		if l.Name == "language_name" {
			l.Name = code
		}
		langs, dicts = append(langs, l), append(dicts, l.Dict)
	}
	checkDicts(dicts, rep)
	byCode := map[string]*Language{}
	for _, l := range langs[1:] {
		byCode[l.Code] = l
	}
	mds := map[string]*markdownFor{}
	for _, tf := range c.twins {
		l := byCode[tf.lang]
		if l == nil {
			if tf.lang != codes[0] && len(codes) > 1 {
				rep.warnOnce("lang "+tf.name, Diagnostic{Path: displayPath(cfg.Root, tf.name),
					Msg: fmt.Sprintf("language %q is not in site.toml's languages (%s): the file is left out", tf.lang, strings.Join(codes, ", "))})
			}
			continue
		}
		if mds[l.Code] == nil {
			mds[l.Code] = &markdownFor{newMarkdown(cfg.basePath() + l.Code + "/")}
		}
		l.addTwin(fsys, cfg.Root, tf.name, mds[l.Code], c, rep)
	}
	for _, l := range langs[1:] {
		l.warnUntranslated(cfg.Root, c, rep)
	}
	return langs
}

// markdownFor is the Markdown renderer of one language, whose root-relative
// links lead to that language's pages.
type markdownFor struct{ md goldmark.Markdown }

// addTwin reads one translated file and files it by the page it translates.
func (l *Language) addTwin(fsys fs.FS, root, name string, md *markdownFor, c *content, rep *report) {
	p, fm := readPage(fsys, root, name, md.md, rep)
	if p == nil || fm.Draft {
		return
	}
	rel := strings.TrimPrefix(name, "content/")
	orig := strings.TrimSuffix(rel, "."+l.Code+".md") + ".md"
	p.URL = pageURL(orig)
	switch {
	case orig == "_index.md" && c.home != nil:
		p.URL, l.home = "/", p
	case orig == "levels/_index.md" && c.guide != nil:
		l.guide = p
	case path.Dir(orig) == "levels" && c.level(strings.TrimSuffix(path.Base(orig), ".md")) != nil:
		l.levels[strings.TrimSuffix(path.Base(orig), ".md")] = &twin{p, fm}
	case c.page(p.URL) != nil:
		l.pages[p.URL] = p
	default:
		rep.warnOnce("orphan "+name, Diagnostic{Path: displayPath(root, name),
			Msg: fmt.Sprintf("no page content/%s in the default language to translate: add it, or rename this file; it is left out", orig)})
	}
}

// warnUntranslated names each page that has no translation in l.
func (l *Language) warnUntranslated(root string, c *content, rep *report) {
	missing := func(p *Page) {
		want := strings.TrimSuffix(p.File, ".md") + "." + l.Code + ".md"
		rep.warnOnce("untranslated "+l.Code+" "+p.File, Diagnostic{Path: displayPath(root, p.File),
			Msg: fmt.Sprintf("no %s translation (%s): %s%s shows this text", l.Code, want, l.Prefix, p.URL)})
	}
	if c.home != nil && l.home == nil {
		missing(c.home)
	}
	if c.guide != nil && l.guide == nil {
		missing(c.guide)
	}
	for _, lv := range c.levels {
		if l.levels[lv.Code] == nil {
			missing(lv.Page)
		}
	}
	for _, p := range c.pages {
		if l.pages[p.URL] == nil {
			missing(p)
		}
	}
}

func (c *content) level(code string) *Level {
	for _, l := range c.levels {
		if l.Code == code {
			return l
		}
	}
	return nil
}

func (c *content) page(url string) *Page {
	for _, p := range c.pages {
		if p.URL == url {
			return p
		}
	}
	return nil
}

// languages is the list of language codes, the default first.
func (c *Config) languages() []string {
	if len(c.Languages) > 0 {
		return c.Languages
	}
	return []string{c.Language}
}

// validateLanguages checks site.toml's languages and makes the first the
// default Language.
func (c *Config) validateLanguages(disp, src string) error {
	if len(c.Languages) == 0 {
		return nil
	}
	line := keyLine([]byte(src), "languages")
	seen := map[string]bool{}
	for _, code := range c.Languages {
		if !langCode.MatchString(code) {
			return Errors{{Path: disp, Line: line, Col: 1, Msg: fmt.Sprintf("languages: %q is not a language code: use lower-case codes such as \"en\", \"es\", \"pt-br\"", code)}}
		}
		if seen[code] {
			return Errors{{Path: disp, Line: line, Col: 1, Msg: fmt.Sprintf("languages: %q is listed twice", code)}}
		}
		seen[code] = true
	}
	c.Language = c.Languages[0]
	return nil
}

// inLanguage is s as the pages of language l show it: the same centers
// and states, the content, levels, facets and helplines in l, and
// Config.Language set to l. Counts are asked of s.
func (s *Site) inLanguage(l *Language) *Site {
	t := &Site{
		helplines: s.helplines,
		Config:    s.Config, Home: s.Home, Guide: s.Guide, Levels: s.Levels, Facets: s.Facets,
		Vocabulary: s.Vocabulary, Pages: s.Pages, Centers: s.Centers, States: s.States,
		Nearby: s.Nearby, ZIPs: s.ZIPs, Languages: s.Languages, Lang: l, byName: s.byName, base: s,
	}
	t.Config.Language = l.Code
	t.Config.Helplines = s.HelplinesIn(l.Code)
	if title, ok := s.Config.Titles[l.Code]; ok {
		t.Config.Title = title
	}
	if desc, ok := s.Config.Descriptions[l.Code]; ok {
		t.Config.Description = desc
	}
	if l.Default {
		return t
	}
	if l.home != nil {
		t.Home = l.home
	}
	if l.guide != nil {
		t.Guide = l.guide
	}
	t.Pages = make([]*Page, len(s.Pages))
	for i, p := range s.Pages {
		t.Pages[i] = p
		if tp := l.pages[p.URL]; tp != nil {
			t.Pages[i] = tp
		}
	}
	t.Levels = translateLevels(s.Levels, l)
	t.Facets = translateFacets(s.Facets, l)
	return t
}

// HelplinesIn is the helplines of language lang, as its pages show them.
func (s *Site) HelplinesIn(lang string) []Helpline {
	if s.helplines == nil {
		return s.Config.Helplines
	}
	return helplinesIn(s.helplines, lang)
}

// helplinesIn picks the helplines of a language: its own, or else those
// that name no language.
func helplinesIn(all []Helpline, lang string) []Helpline {
	var own, any []Helpline
	for _, h := range all {
		switch h.Lang {
		case lang:
			own = append(own, h)
		case "":
			any = append(any, h)
		}
	}
	if len(own) > 0 {
		return own
	}
	return any
}

// translateLevels copies the levels with the text of their translations;
// a copy keeps its code and place, and knows the level it translates.
func translateLevels(levels []*Level, l *Language) []*Level {
	out := make([]*Level, len(levels))
	byCode := map[string]*Level{}
	for i, lv := range levels {
		t := *lv
		t.source = lv
		if tw := l.levels[lv.Code]; tw != nil {
			t.Page = tw.page
			t.Setting = cmpOr(tw.fm.Setting, lv.Setting)
			t.Hours = cmpOr(tw.fm.Hours, lv.Hours)
			t.ForWhom = cmpOr(tw.fm.ForWhom, lv.ForWhom)
			t.Short = cmpOr(tw.fm.Short, lv.Short)
			t.ASAM = cmpOr(tw.fm.ASAM, lv.ASAM)
		}
		out[i], byCode[lv.Code] = &t, &t
	}
	for _, t := range out {
		if t.StepDown != nil {
			t.StepDown = byCode[t.StepDown.Code]
		}
		if t.StepUp != nil {
			t.StepUp = byCode[t.StepUp.Code]
		}
	}
	return out
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// translateFacets copies the facets and their options with their
// title_<lang>, about_<lang>, label_<lang> and only_<lang> texts.
func translateFacets(facets []*Facet, l *Language) []*Facet {
	out := make([]*Facet, len(facets))
	for i, f := range facets {
		t := *f
		t.Title = cmpOr(f.Titles[l.Code], f.Title)
		t.About = cmpOr(f.Abouts[l.Code], f.About)
		t.translations = new(sync.Map)
		t.onlyList = func(labels string) string { return l.Dict.MustT("only_list", map[string]any{"Labels": labels}) }
		t.Options = make([]*Option, len(f.Options))
		for j, o := range f.Options {
			to := *o
			to.Facet = &t
			to.Label = cmpOr(o.Labels[l.Code], o.Label)
			to.About = cmpOr(o.Abouts[l.Code], o.About)
			to.OnlyText = cmpOr(o.OnlyTexts[l.Code], l.Dict.MustT("only_one", map[string]any{"Label": to.Label}))
			t.Options[j] = &to
		}
		out[i] = &t
	}
	return out
}

// local maps the levels of a center to the levels of the site being
// drawn, which are translations on the pages of another language.
func (s *Site) local(levels []*Level) []*Level {
	if len(levels) == 0 || s.Levels[levels[0].pos] == levels[0] {
		return levels
	}
	return translatedSet(&s.localLevels, levels, func(l *Level) *Level { return s.Levels[l.pos] })
}

// translatedSetting is a site.toml key that holds a setting in another
// language, as facets.toml's title_<lang> does.
var translatedSetting = regexp.MustCompile(`^(title|description)_([a-z]{2,3}(?:-[a-z0-9]{2,8})?)$`)

// readTranslated files title_<lang> and description_<lang> from site.toml
// into Titles and Descriptions and returns the keys still unknown.
func (c *Config) readTranslated(src []byte, undecoded []toml.Key) []toml.Key {
	var unknown []toml.Key
	var raw map[string]any
	for _, k := range undecoded {
		m := translatedSetting.FindStringSubmatch(k.String())
		if m == nil || len(k) != 1 {
			unknown = append(unknown, k)
			continue
		}
		if raw == nil {
			toml.Decode(string(src), &raw) // it decoded once already
		}
		s, ok := raw[k[0]].(string)
		if !ok {
			unknown = append(unknown, k)
			continue
		}
		target := &c.Titles
		if m[1] == "description" {
			target = &c.Descriptions
		}
		*target = setLang(*target, k[0], s)
	}
	return unknown
}

// Translations are the content pages translated into l, each with the
// file it was read from: the home page, the guide, the levels, the others.
func (l *Language) Translations() []*Page {
	var out []*Page
	for _, p := range []*Page{l.home, l.guide} {
		if p != nil {
			out = append(out, p)
		}
	}
	codes := make([]string, 0, len(l.levels))
	for code := range l.levels {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		out = append(out, l.levels[code].page)
	}
	urls := slices.Sorted(maps.Keys(l.pages))
	for _, u := range urls {
		out = append(out, l.pages[u])
	}
	return out
}
