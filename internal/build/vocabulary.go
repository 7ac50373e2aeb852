package build

import (
	"cmp"
	"io/fs"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Vocabulary is what a site's CSV may say: its columns, the levels of
// care of content/levels/ and the facets of content/facets.toml, with the
// synonyms of each. The build reads the CSV through it, and importers map
// a source's labels and codes through Match.
type Vocabulary struct {
	levelList  []*Level
	levelByKey map[string]*Level
	levelKeys  []string
	order      map[*Level]int
	facets     []*Facet
	columns    []*column

	// optionByKey holds, per facet, every code, label and synonym
	// (lower case, trimmed) with the options it stands for.
	optionByKey []map[string][]*Option
	optionKeys  [][]string

	// terms holds every code, title, label and synonym, folded by
	// matchKey, with the terms it stands for.
	terms map[string][]Term

	latestVerified time.Time // the last verified date accepted (see checkVerifiedRange)

	sets *vocabularySets // the sets of levels and options centers list
}

// Term is a level or facet option as a CSV cell names it: the code Code
// in the column Column ("levels" for a level of care).
type Term struct {
	Column string
	Code   string
}

// LoadVocabulary reads the levels of care and the facets of the site
// folder fsys (content/levels/ and content/facets.toml), as the build
// does. Problems are returned as Errors.
func LoadVocabulary(fsys fs.FS) (*Vocabulary, error) {
	rep := &report{}
	c := readContent(fsys, ".", "/", rep)
	v := newVocabulary(c, ".", rep)
	if err := rep.err(); err != nil {
		return nil, err
	}
	return v, nil
}

func newVocabulary(c *content, root string, rep *report) *Vocabulary {
	v := &Vocabulary{levelList: c.levels, levelByKey: map[string]*Level{}, order: map[*Level]int{},
		facets: c.facets, columns: siteColumns(c.facets), terms: map[string][]Term{},
		sets: &vocabularySets{options: make([]setTable[*Option], len(c.facets))}}
	add := func(key string, l *Level) {
		k := strings.ToLower(strings.TrimSpace(key))
		if other, dup := v.levelByKey[k]; dup && other != l {
			rep.errorf(displayPath(root, l.File), 0, 0, "synonym %q is already used by level %q", key, other.Code)
			return
		}
		if _, dup := v.levelByKey[k]; !dup {
			v.levelKeys = append(v.levelKeys, key)
		}
		v.levelByKey[k] = l
		v.addTerm(key, Term{"levels", l.Code})
	}
	for i, l := range c.levels {
		v.order[l] = i
		add(l.Code, l)
	}
	for _, l := range c.levels {
		// The title is always accepted, but an unknown code is
		// suggested a code or synonym rather than a title.
		k := strings.ToLower(strings.TrimSpace(l.Title))
		if _, dup := v.levelByKey[k]; !dup {
			v.levelByKey[k] = l
		}
		v.addTerm(l.Title, Term{"levels", l.Code})
	}
	for _, l := range c.levels {
		for _, s := range l.Synonyms {
			add(s, l)
		}
	}
	for _, f := range c.facets {
		v.addFacet(f)
	}
	return v
}

func (v *Vocabulary) addFacet(f *Facet) {
	byKey := map[string][]*Option{}
	var keys []string
	add := func(key string, o *Option) {
		k := strings.ToLower(strings.TrimSpace(key))
		if !slices.Contains(byKey[k], o) {
			byKey[k] = append(byKey[k], o)
			keys = append(keys, key)
		}
		v.addTerm(key, Term{f.Column, o.Code})
	}
	for _, o := range f.Options {
		add(o.Code, o)
	}
	for _, o := range f.Options {
		add(o.Label, o)
		for _, s := range o.Synonyms {
			add(s, o)
		}
	}
	v.optionByKey = append(v.optionByKey, byKey)
	v.optionKeys = append(v.optionKeys, keys)
}

func (v *Vocabulary) addTerm(key string, t Term) {
	k := matchKey(key)
	if k != "" && !slices.Contains(v.terms[k], t) {
		v.terms[k] = append(v.terms[k], t)
	}
}

// matchKey folds a label for Match: lower case, letters and digits only.
func matchKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, Fold(s))
}

// Match finds the levels and facet options a source's label or code
// stands for, through their codes, titles, labels and synonyms, without
// regard to case, accents, spacing or punctuation. A synonym listed under
// several options gives all of them; an unknown label gives none.
func (v *Vocabulary) Match(label string) []Term {
	return slices.Clone(v.terms[matchKey(label)])
}

// Columns lists the CSV columns of the site, in the order a written CSV
// uses: the fixed columns in the order of docs/csv.md, with the facet columns, in
// facets.toml's order, after levels.
func (v *Vocabulary) Columns() []string {
	names := make([]string, len(v.columns))
	for i, c := range v.columns {
		names[i] = c.name
	}
	return names
}

// Required reports whether a CSV must have the column.
func (v *Vocabulary) Required(column string) bool {
	c := fixedColumn(column)
	return c != nil && c.required
}

// Levels lists the levels of care, most intensive first.
func (v *Vocabulary) Levels() []*Level { return v.levelList }

// Facets lists the facets, in facets.toml's order.
func (v *Vocabulary) Facets() []*Facet { return v.facets }

// Record is c as a CSV record in the order of Columns, each value as
// the column states it once read: codes for levels and options, phones
// as digits with " x" and the extension, coordinates in full.
func (v *Vocabulary) Record(c *Center) []string {
	out := make([]string, len(v.columns))
	var b []byte
	for i, col := range v.columns {
		b = col.text(b[:0], c)
		out[i] = string(b)
	}
	return out
}

func (v *Vocabulary) levels(codes []string, fail failFunc) []*Level {
	if len(codes) == 0 {
		fail("levels", "levels is required: name at least one level of care")
		return nil
	}
	var room [16]*Level
	out := room[:0]
	for _, code := range codes {
		l, ok := v.levelByKey[strings.ToLower(code)]
		if !ok {
			fail("levels", "unknown level %q%s", code, v.hint(code, v.levelKeys, func(s string) bool { return v.levelByKey[strings.ToLower(s)] != nil }))
			continue
		}
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(a, b *Level) int { return cmp.Compare(v.order[a], v.order[b]) })
	return v.sets.levels.share(out, levelPlace)
}

// options resolves the codes (or labels, or synonyms) of facet f.
func (v *Vocabulary) options(f *Facet, codes []string, fail failFunc) []*Option {
	var room [16]*Option
	out := room[:0]
	for _, code := range codes {
		os, ok := v.optionByKey[f.index][strings.ToLower(code)]
		if !ok {
			fail(f.Column, "unknown %s code %q%s", strings.TrimSuffix(f.Column, "s"), code, v.hint(code, v.optionKeys[f.index],
				func(s string) bool { return v.optionByKey[f.index][strings.ToLower(s)] != nil }))
			continue
		}
		for _, o := range os {
			if !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
	}
	slices.SortFunc(out, func(a, b *Option) int { return cmp.Compare(a.index, b.index) })
	return v.sets.options[f.index].share(out, optionPlace)
}

// hint says why code is unknown: values joined by "," rather than ";",
// else the nearest of keys in spelling.
func (v *Vocabulary) hint(code string, keys []string, known func(string) bool) string {
	if h := commaHint(code, known); h != "" {
		return h
	}
	return suggestion(code, keys)
}

// Facet finds a facet by its CSV column; nil if there is none.
func (v *Vocabulary) Facet(column string) *Facet {
	for _, f := range v.facets {
		if f.Column == column {
			return f
		}
	}
	return nil
}
