package importer

import (
	"io/fs"

	"treatmentdir/internal/build"
)

// siteVocabulary is a site's own vocabulary as the importer sees it.
type siteVocabulary struct{ v *build.Vocabulary }

// SiteVocabulary reads the levels of care and facets of the site folder
// fsys (content/levels/ and content/facets.toml), as the build reads
// them, so that an import maps labels exactly as the build will read
// the codes it writes.
func SiteVocabulary(fsys fs.FS) (Vocabulary, error) {
	v, err := build.LoadVocabulary(fsys)
	if err != nil {
		return nil, err
	}
	return siteVocabulary{v}, nil
}

func (s siteVocabulary) Match(label string) []Term {
	terms := s.v.Match(label)
	out := make([]Term, len(terms))
	for i, t := range terms {
		out[i] = Term{Column: t.Column, Code: t.Code}
	}
	return out
}

func (s siteVocabulary) Columns() []string { return s.v.Columns() }
