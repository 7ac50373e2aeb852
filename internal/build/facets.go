package build

import (
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// Facet is a filter besides the level of care: one top-level table of
// content/facets.toml, named after its CSV column.
type Facet struct {
	Column  string // the CSV column and the table's name
	Param   string // the search URL parameter and checkbox name
	Title   string // heading in the form and on center pages
	About   string // optional line under the heading
	Accepts bool   // the options say whom a center accepts
	Options []*Option

	// Titles and Abouts hold title_<lang> and about_<lang>, by language.
	Titles, Abouts map[string]string

	index int // the facet's place in Site.Facets and Center.Options
	// onlyList says "<labels> only" in the facet's language; nil is English.
	onlyList func(labels string) string
	// translations holds, in a translation of a facet, the sets of the
	// facet's options that centers list, translated (see Center.Values).
	translations *sync.Map
}

// Option is one choice of a facet, a sub-table keyed by its code.
type Option struct {
	Facet    *Facet
	Code     string
	Label    string
	About    string // one line, shown by "What is this?"
	Synonyms []string
	// OnlyText is what a center of an accepts-facet that lists this option
	// alone says: the option's key only, or "<label> only".
	OnlyText string

	// Labels and Abouts hold label_<lang> and about_<lang>, by language.
	Labels, Abouts map[string]string
	// OnlyTexts holds only_<lang>, by language.
	OnlyTexts map[string]string

	index int // the option's place in Facet.Options
}

// ReservedParams are the search URL parameters that no facet may use.
var ReservedParams = []string{"near", "radius", "q", FacetLevel, "page"}

// legacyFacets gives the parameter and title of the two facets that files
// written before facets had plain keys ([payment.<code>] tables alone) use.
var legacyFacets = map[string][2]string{
	"payment":     {"pay", "Payment"},
	"medications": {"med", "Medication for addiction treatment"},
}

// facetsFile is where the facets are declared.
const facetsFile = "content/facets.toml"

// readFacets reads content/facets.toml, in the file's order.
func readFacets(fsys fs.FS, root string, rep *report) []*Facet {
	disp := displayPath(root, facetsFile)
	src, err := fs.ReadFile(fsys, facetsFile)
	if err != nil {
		rep.errorf(disp, 0, 0, "reading: %v", err)
		return nil
	}
	if !withinLimits(rep, checkTOML(disp, src, 0, maxTOMLFile, "the file")) {
		return nil
	}
	var raw map[string]map[string]any
	md, err := toml.Decode(string(src), &raw)
	if err != nil {
		var errs Errors
		errors.As(tomlDiagnostic(disp, 0, err), &errs)
		rep.errs = append(rep.errs, errs...)
		return nil
	}
	var facets []*Facet
	byColumn := map[string]*Facet{}
	for _, key := range md.Keys() { // Keys keeps the file's order, which is the display order
		switch len(key) {
		case 1:
			f := newFacet(key[0], raw[key[0]], src, disp, rep)
			f.index = len(facets)
			facets = append(facets, f)
			byColumn[f.Column] = f
		case 2:
			t, isTable := raw[key[0]][key[1]].(map[string]any)
			if !isTable {
				continue
			}
			f := byColumn[key[0]]
			if f == nil { // [payment.medicaid] with no [payment] before it
				f = newFacet(key[0], raw[key[0]], src, disp, rep)
				f.index = len(facets)
				facets = append(facets, f)
				byColumn[f.Column] = f
			}
			o := newOption(f, key[1], t, src, disp, rep)
			o.index = len(f.Options)
			f.Options = append(f.Options, o)
		}
	}
	checkFacets(facets, src, disp, rep)
	return facets
}

// newFacet reads a facet's plain keys.
func newFacet(column string, t map[string]any, src []byte, disp string, rep *report) *Facet {
	f := &Facet{Column: column, Param: column, Title: strings.ToUpper(column[:1]) + column[1:]}
	if legacy, ok := legacyFacets[column]; ok {
		f.Param, f.Title = legacy[0], legacy[1]
	}
	line := tableLine(src, column)
	if !idPattern.MatchString(column) {
		rep.errorf(disp, line, 1, "facet [%s]: its name is its CSV column, so it must be lower-case letters, digits and hyphens", column)
	}
	for k, v := range t {
		if _, isTable := v.(map[string]any); isTable {
			continue
		}
		fail := func(want string) {
			rep.errorf(disp, line, 1, "[%s] %s must be %s", column, k, want)
		}
		s, isString := v.(string)
		switch {
		case k == "accepts":
			b, ok := v.(bool)
			if !ok {
				fail("true or false")
			}
			f.Accepts = b
		case !isString:
			fail("a string")
		case k == "param":
			f.Param = s
		case k == "title":
			f.Title = s
		case k == "about":
			f.About = s
		case strings.HasPrefix(k, "title_"):
			f.Titles = setLang(f.Titles, k, s)
		case strings.HasPrefix(k, "about_"):
			f.Abouts = setLang(f.Abouts, k, s)
		default:
			rep.errorf(disp, line, 1, "[%s] has an unknown key %q: a facet takes param, title, about, accepts, title_<lang> and about_<lang>", column, k)
		}
	}
	return f
}

// newOption reads one option's keys.
func newOption(f *Facet, code string, t map[string]any, src []byte, disp string, rep *report) *Option {
	o := &Option{Facet: f, Code: code}
	line := tableLine(src, f.Column+"."+code)
	if !idPattern.MatchString(code) {
		rep.errorf(disp, line, 1, "[%s.%s]: code %q must be lower-case letters, digits and hyphens", f.Column, code, code)
	}
	for k, v := range t {
		if k == "synonyms" {
			o.Synonyms = stringList(v, func() {
				rep.errorf(disp, line, 1, "[%s.%s] synonyms must be a list of strings", f.Column, code)
			})
			continue
		}
		s, ok := v.(string)
		if !ok {
			rep.errorf(disp, line, 1, "[%s.%s] %s must be a string", f.Column, code, k)
			continue
		}
		switch {
		case k == "label":
			o.Label = s
		case k == "about":
			o.About = s
		case k == "only":
			o.OnlyText = s
		case strings.HasPrefix(k, "label_"):
			o.Labels = setLang(o.Labels, k, s)
		case strings.HasPrefix(k, "about_"):
			o.Abouts = setLang(o.Abouts, k, s)
		case strings.HasPrefix(k, "only_"):
			o.OnlyTexts = setLang(o.OnlyTexts, k, s)
		default:
			rep.errorf(disp, line, 1, "[%s.%s] has an unknown key %q: an option takes label, about, synonyms, only, label_<lang>, about_<lang> and only_<lang>", f.Column, code, k)
		}
	}
	if o.Label == "" {
		rep.errorf(disp, line, 1, "[%s.%s] needs a label", f.Column, code)
	}
	if o.OnlyText == "" {
		o.OnlyText = o.Label + " only"
	}
	return o
}

// checkFacets reports what no single facet shows: a parameter that is
// reserved or taken, a column the CSV already has, a facet without options.
func checkFacets(facets []*Facet, src []byte, disp string, rep *report) {
	params := map[string]string{}
	for _, f := range facets {
		line := tableLine(src, f.Column)
		switch {
		case slices.Contains(ReservedParams, f.Param):
			rep.errorf(disp, line, 1, "[%s] param %q is reserved for the search page (%s): choose another", f.Column, f.Param, strings.Join(ReservedParams, ", "))
		case !idPattern.MatchString(f.Param):
			rep.errorf(disp, line, 1, "[%s] param %q must be lower-case letters, digits and hyphens", f.Column, f.Param)
		case params[f.Param] != "":
			rep.errorf(disp, line, 1, "[%s] param %q is already the param of [%s]", f.Column, f.Param, params[f.Param])
		}
		params[f.Param] = f.Column
		if fixedColumn(f.Column) != nil {
			rep.errorf(disp, line, 1, "facet [%s] has the name of a fixed CSV column: choose another", f.Column)
		}
		if len(f.Options) == 0 {
			rep.errorf(disp, line, 1, "facet [%s] has no options: add [%s.<code>] tables with a label", f.Column, f.Column)
		}
		if len(f.Options) > maxFacetOptions {
			rep.errorf(disp, line, 1, "facet [%s] has %d options; the search index holds at most %d", f.Column, len(f.Options), maxFacetOptions)
		}
	}
}

// tableLine finds the line of a table header, for messages; 0 if not found.
func tableLine(src []byte, name string) int {
	for i, l := range bytes.Split(src, []byte("\n")) {
		l = bytes.TrimSpace(l)
		if bytes.HasPrefix(l, []byte("[")) && string(bytes.TrimSpace(bytes.Trim(l, "[] \t"))) == name {
			return i + 1
		}
	}
	return 0
}

func setLang(m map[string]string, key, value string) map[string]string {
	if m == nil {
		m = map[string]string{}
	}
	m[key[strings.IndexByte(key, '_')+1:]] = value
	return m
}

func stringList(v any, bad func()) []string {
	list, ok := v.([]any)
	if !ok {
		bad()
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			bad()
			return nil
		}
		out = append(out, s)
	}
	return out
}

// optionCodes lists the codes of options.
func optionCodes(os []*Option) []string {
	codes := make([]string, len(os))
	for i, o := range os {
		codes[i] = o.Code
	}
	return codes
}

// FacetValues is what a center lists in one facet.
type FacetValues struct {
	Facet   *Facet
	Options []*Option
}

// Only says whom a center of an accepts-facet takes, when it lists some
// but not all of the options: "Women only", "Teens only (under 18)". It
// is empty for other facets, and when the center lists none or all.
func (fv FacetValues) Only() string {
	if !fv.Facet.Accepts || len(fv.Options) == 0 || len(fv.Options) == len(fv.Facet.Options) {
		return ""
	}
	if len(fv.Options) == 1 {
		return fv.Options[0].OnlyText
	}
	labels := make([]string, len(fv.Options))
	for i, o := range fv.Options {
		labels[i] = o.Label
	}
	if fv.Facet.onlyList != nil {
		return fv.Facet.onlyList(strings.Join(labels, ", "))
	}
	return strings.Join(labels, ", ") + " only"
}

// Values lists what c lists in facet f, in option order.
func (c *Center) Values(f *Facet) []*Option {
	if f.index >= len(c.Options) {
		return nil
	}
	os := c.Options[f.index]
	if len(os) == 0 || os[0].Facet == f {
		return os
	}
	// f is a translation: its options are at the same places.
	return translatedSet(f.translations, os, func(o *Option) *Option { return f.Options[o.index] })
}

// FacetList lists the facets in which c lists any option, in file order.
func (c *Center) FacetList(facets []*Facet) []FacetValues {
	out := make([]FacetValues, 0, len(facets))
	for _, f := range facets {
		if os := c.Values(f); len(os) > 0 {
			out = append(out, FacetValues{f, os})
		}
	}
	return out
}

// Onlys lists the "only" lines of c: one per accepts-facet that lists
// some but not all of its options.
func (c *Center) Onlys(facets []*Facet) []string {
	var out []string
	for _, f := range facets {
		if !f.Accepts {
			continue
		}
		if s := (FacetValues{f, c.Values(f)}).Only(); s != "" {
			out = append(out, s)
		}
	}
	return out
}
