package importer

// Term is one code of one CSV column: a level of care (Column "levels")
// or a facet option (Column "payment", Code "medicaid").
type Term struct {
	Column, Code string
}

// Vocabulary is what the importer needs from the site's levels and
// facets: the terms a source label stands for, through their synonyms
// (matched without regard to case, spacing or punctuation; a synonym
// under several options stands for all of them), and the CSV's columns
// in their order. build.Vocabulary provides it.
type Vocabulary interface {
	Match(label string) []Term
	Columns() []string
}

// baseColumns are the columns every import fills or keeps, in the CSV's
// order; the vocabulary's columns add the levels and facets.
var baseColumns = []string{"id", "name", "street", "city", "state", "zip", "lat", "lon",
	"phone", "intake_phone", "website", "levels", "verified", "source", "source_id"}

// columnOrder is the order of the columns of a new CSV: the vocabulary's,
// with any base column it lacks put after the one before it in
// baseColumns, so that a short Columns list still gives a full file.
func columnOrder(v Vocabulary) []string {
	cols := append([]string(nil), v.Columns()...)
	have := map[string]bool{}
	for _, c := range cols {
		have[c] = true
	}
	at := 0
	for _, c := range baseColumns {
		if i := indexOf(cols, c); i >= 0 {
			at = i + 1
			continue
		}
		cols = append(cols[:at], append([]string{c}, cols[at:]...)...)
		at++
	}
	return cols
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
