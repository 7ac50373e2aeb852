package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"treatmentdir/internal/hsds"
)

// SourceHSDS begins the source column's value for a package that another
// publisher wrote; its title follows.
const SourceHSDS = "HSDS"

// ReadHSDS reads an HSDS 3.0 data package in the folder dir: one facility
// per location. A package that export-hsds wrote gives each center back
// as it was, id, source and source_id included; one from another
// publisher gives its locations with the location id as source_id.
// Taxonomy terms and languages are mapped through the vocabulary here,
// since the term's taxonomy says which column it belongs to.
func ReadHSDS(dir string, vocab Vocabulary, rep *Report) ([]Facility, error) {
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		return nil, inputErrorf(dir, "", "cannot read: %v (want the folder of an HSDS data package)", errors.Unwrap(err))
	case !fi.IsDir() && filepath.Base(dir) == "datapackage.json":
		dir = filepath.Dir(dir) // the package's descriptor names its folder
	case !fi.IsDir():
		return nil, inputErrorf(dir, "", "not a folder: give the folder that holds the package's datapackage.json")
	}
	pkg, err := hsds.Read(os.DirFS(dir), dir)
	if err != nil {
		return nil, err
	}
	places, warnings := pkg.Places()
	for _, w := range warnings {
		rep.Warnings = append(rep.Warnings, filepath.Join(dir, w))
	}
	source := SourceHSDS + ": " + or(pkg.Title, filepath.Base(dir))
	r := &termReader{vocab: vocab, columns: scopeColumns(vocab), seen: map[hsds.TermRef]termAnswer{}}
	rep.Mapped = map[string]int{}
	out := make([]Facility, 0, len(places))
	for _, pl := range places {
		out = append(out, r.facility(pl, filepath.Join(dir, pl.Where), source, rep))
	}
	return out, nil
}

// or gives the first of ss that is not empty.
func or(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// termReader maps a package's terms, remembering each term's answer.
type termReader struct {
	vocab Vocabulary
	// columns gives a column by its own name and by its facet's title,
	// folded: a taxonomy so named holds that column's terms.
	columns map[string]string
	seen    map[hsds.TermRef]termAnswer
}

type termAnswer struct {
	terms []Term
	label string // what the report calls the term
}

// scopeColumns names each column by itself, and the levels also by the
// name of the export's taxonomy of them.
func scopeColumns(v Vocabulary) map[string]string {
	m := map[string]string{fold("Levels of care"): "levels"}
	for _, c := range v.Columns() {
		m[fold(c)] = c
	}
	return m
}

func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

func (r *termReader) facility(pl hsds.Place, place, source string, rep *Report) Facility {
	f := Facility{Place: place, SubstanceUse: true, Fields: map[string]string{
		"name": joinName(pl.OrgName, pl.LocName), "street": streetLines(pl.Street1, pl.Street2),
		"city": pl.City, "state": pl.State, "zip": pl.ZIP, "lat": pl.Lat, "lon": pl.Lon,
		"phone": pl.Phone, "intake_phone": pl.Intake, "website": pl.Website, "verified": pl.AssuredDate,
	}}
	if pl.DirectoryID != "" {
		// An export of a directory: the center as it was there. It left
		// out the coordinates it had only from the ZIP code, and the
		// build places such a row at the centroid and says so.
		f.Fields["id"], f.Fields["source"], f.Fields["source_id"] = pl.DirectoryID, pl.ExternalIDType, pl.ExternalID
		f.KeepUnplaced = true
	} else {
		f.Fields["source"], f.Fields["source_id"] = source, pl.LocationID
	}
	if !validDate(pl.AssuredDate) {
		delete(f.Fields, "verified")
	}
	// Every facility's terms are counted, taken or not, so that the
	// report shows what a package's taxonomies bring.
	counted := map[string]bool{}
	count := func(label string, terms []Term) {
		if counted[label] {
			return
		}
		counted[label] = true
		if len(terms) == 0 {
			rep.unmapped(label)
			return
		}
		rep.Mapped[label+" → "+termList(terms)]++
	}
	for _, t := range pl.Terms {
		a := r.match(t)
		f.Terms = append(f.Terms, a.terms...)
		count(a.label, a.terms)
	}
	for _, l := range pl.Languages {
		a := r.match(hsds.TermRef{Taxonomy: "languages", Code: l.Code, Name: l.Name})
		f.Terms = append(f.Terms, a.terms...)
		count("language "+a.label, a.terms)
	}
	return f
}

// termList names terms as the CSV writes them: "payment medicaid".
func termList(terms []Term) string {
	s := make([]string, len(terms))
	for i, t := range terms {
		s[i] = t.Column + " " + t.Code
	}
	return strings.Join(s, ", ")
}

// match maps one term: through its name, then through its code (without
// a column prefix of ours) and its whole code. Terms are kept to the
// column that the taxonomy or the code's prefix names when that column is
// among the answers; a code, often two letters ("ta" is Tamil, "TA" a
// synonym of transport), must map within that column or not at all.
func (r *termReader) match(t hsds.TermRef) termAnswer {
	if a, ok := r.seen[t]; ok {
		return a
	}
	scope := r.columns[fold(t.Taxonomy)]
	code := t.Code
	if col, rest, ok := strings.Cut(t.Code, "."); ok && r.columns[fold(col)] != "" {
		scope, code = r.columns[fold(col)], rest
	}
	a := termAnswer{label: t.Name}
	if t.Code != "" && !strings.EqualFold(t.Code, t.Name) {
		a.label = strings.TrimSpace(t.Name + " (" + t.Code + ")")
	}
	if t.Name != "" {
		a.terms = inScope(r.vocab.Match(t.Name), scope)
	}
	for _, c := range []string{code, t.Code} {
		if len(a.terms) == 0 && c != "" && scope != "" {
			a.terms = onlyIn(r.vocab.Match(c), scope)
		}
	}
	r.seen[t] = a
	return a
}

// inScope keeps the terms of the column scope when there are any.
func inScope(terms []Term, scope string) []Term {
	if in := onlyIn(terms, scope); len(in) > 0 {
		return in
	}
	return terms
}

// onlyIn keeps the terms of the column scope.
func onlyIn(terms []Term, scope string) []Term {
	var in []Term
	for _, t := range terms {
		if t.Column == scope {
			in = append(in, t)
		}
	}
	return in
}

// validDate is true for a YYYY-MM-DD date that the build takes as a
// verified date: from 1990 to tomorrow (a publisher a time zone ahead).
func validDate(s string) bool {
	d, err := time.Parse(time.DateOnly, s)
	return err == nil && d.Year() >= 1990 && d.Before(time.Now().AddDate(0, 0, 2))
}
