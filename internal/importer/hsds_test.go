package importer

import (
	"slices"
	"testing"
	"time"

	"treatmentdir/internal/hsds"
)

// TestHSDSTermScope: a term maps within the column its taxonomy or code
// prefix names; a short code maps only there.
func TestHSDSTermScope(t *testing.T) {
	v := testVocabulary(t)
	r := &termReader{vocab: v, columns: scopeColumns(v), seen: map[hsds.TermRef]termAnswer{}}
	for _, tc := range []struct {
		name string
		term hsds.TermRef
		want []Term
	}{
		{"our export's code", hsds.TermRef{Taxonomy: "Payment", Code: "payment.medicaid", Name: "Medicaid"}, []Term{{"payment", "medicaid"}}},
		{"code prefix scopes a shared code", hsds.TermRef{Code: "programs.veterans", Name: ""}, []Term{{"programs", "veterans"}}},
		{"name of another publisher", hsds.TermRef{Taxonomy: "211", Code: "RX-1", Name: "Intensive outpatient treatment"}, []Term{{"levels", "iop"}}},
		{"short code outside any scope", hsds.TermRef{Taxonomy: "211", Code: "MD", Name: "Doctors"}, nil},
		{"short code outside its scope", hsds.TermRef{Taxonomy: "languages", Code: "MD"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The test vocabulary lists a term once per spelling that folds alike.
			if got := slices.Compact(r.match(tc.term).terms); !slices.Equal(got, tc.want) {
				t.Errorf("match(%+v) = %v, want %v", tc.term, got, tc.want)
			}
		})
	}
}

// TestHSDSAssuredDate: only a date the build takes becomes verified.
func TestHSDSAssuredDate(t *testing.T) {
	tomorrow := time.Now().AddDate(0, 0, 1).Format(time.DateOnly)
	for s, want := range map[string]bool{
		"2026-05-04": true, tomorrow: true, "1989-12-31": false, "2999-01-01": false,
		"2026-13-01": false, "2026-05-04T10:00:00Z": false, "": false,
	} {
		if got := validDate(s); got != want {
			t.Errorf("validDate(%q) = %v, want %v", s, got, want)
		}
	}
}
