package hugoexport

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"

	"treatmentdir/internal/build"
)

// configHeader and configFixed are the parts of hugo.toml that hold no
// data, kept as text so that they carry their comments.
const (
	configHeader = `# A Hugo site exported from the treatment-center directory by gen export-hugo.
# Build it with "hugo -s <this folder>", preview it with "hugo server -s <this folder>".
# Set baseURL to the address the site is published at.
`
	configFixed = `enableRobotsTXT = true
# RSS feeds are off: a directory of centers has nothing to syndicate.
disableKinds = ["rss"]

# Each taxonomy claims /<plural>/<term>/, so none is named after a folder
# the directory already uses:
#   care    levels of care, /care/<code>/. Not "levels": content/levels/
#           holds the guide (/levels/) and one explainer per level.
#   pay     payment options from data/facets.toml, /pay/<code>/, named like
#           the search URL's pay= and unlike a center's params.payment.
#   states  lower-case USPS codes, /states/<st>/: the directory's state pages.
# A center's page lists its terms at the top of its front matter; every
# field of the centers file is under its [params].
[taxonomies]
care = "care"
pay = "pay"
state = "states"

[pagination]
pagerSize = 100
`
)

// siteConfig is the top of hugo.toml.
type siteConfig struct {
	BaseURL      string `toml:"baseURL"`
	Title        string `toml:"title"`
	LanguageCode string `toml:"languageCode"`
	// DefaultContentLanguage is set on a site of several languages.
	DefaultContentLanguage string `toml:"defaultContentLanguage,omitempty"`
}

// languagesConfig is hugo.toml's [languages], on a site of several: the
// default at /, each other at /<lang>/ as the generator puts them, with
// its title, description and helplines.
type languagesConfig struct {
	Languages map[string]languageConfig `toml:"languages"`
}

type languageConfig struct {
	LanguageName string `toml:"languageName"`
	LanguageCode string `toml:"languageCode"`
	Weight       int    `toml:"weight"`
	Title        string `toml:"title"`
	Params       struct {
		Description string     `toml:"description"`
		Helplines   []helpline `toml:"helplines"`
	} `toml:"params"`
}

// paramsConfig is the [params] table of hugo.toml, which the layouts read.
type paramsConfig struct {
	Params struct {
		Description string     `toml:"description"`
		Helplines   []helpline `toml:"helplines"`
		// Facets are content/facets.toml's facets in the file's order,
		// which the center layout follows (site.Data.facets has none).
		Facets []facetParam `toml:"facets"`
	} `toml:"params"`
}

// facetParam is a facet as the center layout lists it.
type facetParam struct {
	Column string `toml:"column"`
	Title  string `toml:"title"`
}

// helpline is a crisis line as the layouts show it.
type helpline struct {
	Name   string `toml:"name"`
	Number string `toml:"number"`
	Tel    string `toml:"tel"` // for a tel: link, without the scheme
	Text   bool   `toml:"text"`
	Note   string `toml:"note"`
}

// hugoConfig makes hugo.toml from the site's settings.
func hugoConfig(s *build.Site) ([]byte, error) {
	c := s.Config
	var b bytes.Buffer
	b.WriteString(configHeader)
	lang := c.Language
	if lang == "" {
		lang = "en"
	}
	top := siteConfig{BaseURL: c.BaseURL, Title: c.Title, LanguageCode: lang}
	if len(s.Languages) > 1 {
		top.DefaultContentLanguage = s.Languages[0].Code
	}
	if err := encode(&b, top); err != nil {
		return nil, err
	}
	b.WriteString(configFixed)
	var p paramsConfig
	p.Params.Description = c.Description
	p.Params.Helplines = helplines(s.HelplinesIn(lang))
	for _, f := range s.Facets {
		p.Params.Facets = append(p.Params.Facets, facetParam{Column: f.Column, Title: f.Title})
	}
	b.WriteString("\n")
	if err := encode(&b, p); err != nil {
		return nil, err
	}
	if len(s.Languages) > 1 {
		b.WriteString("\n")
		if err := encode(&b, languages(s)); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

// languages is [languages] for a site of several.
func languages(s *build.Site) languagesConfig {
	out := languagesConfig{Languages: map[string]languageConfig{}}
	for i, l := range s.Languages {
		lc := languageConfig{LanguageName: l.Name, LanguageCode: l.Code, Weight: i + 1,
			Title: cmpOr(s.Config.Titles[l.Code], s.Config.Title)}
		lc.Params.Description = cmpOr(s.Config.Descriptions[l.Code], s.Config.Description)
		lc.Params.Helplines = helplines(s.HelplinesIn(l.Code))
		out.Languages[l.Code] = lc
	}
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// helplines are crisis lines as the layouts show them.
func helplines(all []build.Helpline) []helpline {
	out := make([]helpline, len(all))
	for i, h := range all {
		out[i] = helpline{Name: h.Name, Number: h.Number, Tel: strings.TrimPrefix(string(h.Tel()), "tel:"), Text: h.Text, Note: h.Note}
	}
	return out
}

// centerFront is the front matter of a center's page.
type centerFront struct {
	Title       string       `toml:"title"`
	Description string       `toml:"description"`
	Lastmod     string       `toml:"lastmod,omitempty"`
	Care        []string     `toml:"care"`
	Pay         []string     `toml:"pay"`
	States      []string     `toml:"states"`
	Params      centerParams `toml:"params"`
}

// centerParams is every column of the centers file, validated, by its
// name: multi-valued columns (levels, facets) as lists, coordinates as
// numbers (left out when unknown), the rest as text; phone and
// intake_phone as shown, with tel and intake_tel for their links.
type centerParams map[string]any

// newCenterFront maps a center to its page's front matter.
func newCenterFront(s *build.Site, c *build.Center) centerFront {
	p := centerParams{}
	v := s.Vocabulary
	record := v.Record(c)
	for i, name := range v.Columns() {
		switch {
		case name == "levels" || v.Facet(name) != nil:
			p[name] = splitCodes(record[i])
		case name == "lat" || name == "lon":
			if c.HasCoords && !c.Approximate { // a centroid is the build's guess, not the data
				p["lat"], p["lon"] = c.Lat, c.Lon
			}
		default:
			p[name] = record[i]
		}
	}
	p["phone"], p["tel"] = c.Phone.String(), strings.TrimPrefix(string(c.Phone.Tel()), "tel:")
	p["intake_phone"], p["intake_tel"] = c.Intake.String(), strings.TrimPrefix(string(c.Intake.Tel()), "tel:")
	titles := make([]string, len(c.Levels))
	for i, l := range c.Levels {
		titles[i] = l.Title
	}
	var pay []string
	if f := v.Facet("payment"); f != nil {
		pay = splitCodes(strings.Join(optionCodes(c.Values(f)), ";"))
	}
	return centerFront{
		Title:       c.Name,
		Description: fmt.Sprintf("%s in %s, %s: %s.", c.Name, c.City, c.State, strings.Join(titles, ", ")),
		Lastmod:     c.Verified,
		Care:        levelCodes(c.Levels),
		Pay:         pay,
		States:      []string{strings.ToLower(c.State)},
		Params:      p,
	}
}

// splitCodes splits a multi-valued field as Record writes it; never nil,
// so that an empty list is still written.
func splitCodes(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ";")
}

func levelCodes(levels []*build.Level) []string {
	codes := make([]string, len(levels))
	for i, l := range levels {
		codes[i] = l.Code
	}
	return codes
}

func optionCodes(options []*build.Option) []string {
	codes := make([]string, len(options))
	for i, o := range options {
		codes[i] = o.Code
	}
	return codes
}

// addCenters makes content/centers/: a page per center and the section's own.
func (f fileSet) addCenters(s *build.Site) error {
	if err := f.addPage("content/centers/_index.md", listFront{Title: "All centers"}); err != nil {
		return err
	}
	for _, c := range s.Centers {
		if err := f.addPage("content/centers/"+c.ID+".md", newCenterFront(s, c)); err != nil {
			return fmt.Errorf("center %s: %w", c.ID, err)
		}
	}
	return nil
}

// listFront is the front matter of a section, taxonomy or term page.
type listFront struct {
	Title       string `toml:"title"`
	Description string `toml:"description,omitempty"`
	Weight      int    `toml:"weight,omitzero"`
}

// addTerms makes a page for each taxonomy and each of its terms, so that
// terms are titled "Intensive outpatient (IOP)" and "Massachusetts" rather
// than "Iop" and "Ma".
func (f fileSet) addTerms(s *build.Site) error {
	pages := map[string]listFront{
		"care":   {Title: "Centers by level of care"},
		"pay":    {Title: "Centers by payment"},
		"states": {Title: "Centers by state"},
	}
	for _, l := range s.Levels {
		pages["care/"+l.Code] = listFront{Title: l.Title, Description: l.Short, Weight: l.Weight}
	}
	if f := s.Vocabulary.Facet("payment"); f != nil {
		for i, o := range f.Options {
			pages["pay/"+o.Code] = listFront{Title: o.Label, Description: o.About, Weight: i + 1}
		}
	}
	for _, st := range s.States {
		pages["states/"+st.Slug()] = listFront{Title: st.Name}
	}
	for dir, fm := range pages {
		if err := f.addPage("content/"+dir+"/_index.md", fm); err != nil {
			return fmt.Errorf("term page %s: %w", dir, err)
		}
	}
	return nil
}

// addPage adds a Markdown file that has front matter and no body.
func (f fileSet) addPage(name string, front any) error {
	var b bytes.Buffer
	b.WriteString("+++\n")
	if err := encode(&b, front); err != nil {
		return err
	}
	b.WriteString("+++\n")
	f[name] = b.Bytes()
	return nil
}

// encode writes v as TOML, sub-tables unindented as in hand-written files.
func encode(b *bytes.Buffer, v any) error {
	enc := toml.NewEncoder(b)
	enc.Indent = ""
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding TOML: %w", err)
	}
	return nil
}
