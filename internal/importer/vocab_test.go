package importer

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// testColumns is the CSV's column order with the default facets.
var testColumns = []string{"id", "name", "street", "city", "state", "zip", "lat", "lon", "phone",
	"intake_phone", "website", "levels", "payment", "medications", "ages", "gender", "programs",
	"services", "languages", "verified", "source", "source_id"}

// testVocabulary is the repository's own vocabulary, read from its
// content/ as gen import reads it: the SAMHSA mappings the tests check
// are the ones that ship.
func testVocabulary(t testing.TB) Vocabulary {
	t.Helper()
	v, err := SiteVocabulary(os.DirFS(filepath.Join("..", "..")))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSiteColumns holds testColumns to the site's own column order.
func TestSiteColumns(t *testing.T) {
	got := testVocabulary(t).Columns()
	if !slices.Equal(got, testColumns) {
		t.Errorf("columns %q, want %q", got, testColumns)
	}
}
