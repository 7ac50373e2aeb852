package csvdiff

import (
	"slices"

	"treatmentdir/internal/build"
)

// Schema says which columns a diff compares, in order, and which of them
// hold a ";"-separated set (levels and facets).
type Schema struct {
	Columns     []string // after id
	MultiValued map[string]bool
}

// SchemaOf is the schema of a site: the CSV columns its vocabulary
// declares, the levels and every facet column as sets.
func SchemaOf(v *build.Vocabulary) Schema {
	s := Schema{MultiValued: map[string]bool{"levels": true}}
	for _, c := range v.Columns() {
		if c != "id" {
			s.Columns = append(s.Columns, c)
		}
	}
	for _, f := range v.Facets() {
		s.MultiValued[f.Column] = true
	}
	return s
}

// headerSchema is the schema for files read without a site: the fixed
// columns, then every other column either header names, taken as a facet.
func headerSchema(headers ...[]string) Schema {
	s := Schema{MultiValued: map[string]bool{"levels": true}}
	fixed := build.FixedColumns()
	var facets []string
	for _, h := range headers {
		for _, c := range h {
			if !slices.Contains(fixed, c) && !slices.Contains(facets, c) {
				facets = append(facets, c)
				s.MultiValued[c] = true
			}
		}
	}
	for _, c := range fixed {
		if c == "id" {
			continue
		}
		s.Columns = append(s.Columns, c)
		if c == "levels" {
			s.Columns = append(s.Columns, facets...)
		}
	}
	return s
}
