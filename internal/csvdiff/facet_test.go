package csvdiff

import (
	"io/fs"
	"os"
	"slices"
	"testing"
	"testing/fstest"

	"treatmentdir/internal/build"
)

// TestNewFacetIsASet diffs files with a facet column the code has never
// seen, by the site's schema and by the headers alone: both compare it as
// a set.
func TestNewFacetIsASet(t *testing.T) {
	site := fstest.MapFS{}
	if err := fs.WalkDir(os.DirFS("../.."), "content", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(os.DirFS("../.."), name)
		site[name] = &fstest.MapFile{Data: b}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	site["content/facets.toml"].Data = append(site["content/facets.toml"].Data,
		"\n[accreditation]\nparam = \"acc\"\n[accreditation.jc]\nlabel = \"JC\"\n[accreditation.carf]\nlabel = \"CARF\"\n"...)
	v, err := build.LoadVocabulary(site)
	if err != nil {
		t.Fatal(err)
	}
	schema := SchemaOf(v)
	oldCSV := []byte("id,name,accreditation,intake_phone\na,A,jc;carf,614-555-0100\n")
	newCSV := []byte("id,name,accreditation,intake_phone\na,A,CARF; state,(614) 555-0100\n")
	for name, s := range map[string]*Schema{"site": &schema, "headers": nil} {
		r, err := Diff("old.csv", oldCSV, "new.csv", newCSV, s)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Changed) != 1 || len(r.Changed[0].Fields) != 1 {
			t.Fatalf("%s: changes %+v, want one field of one center", name, r.Changed)
		}
		fc := r.Changed[0].Fields[0]
		if fc.Field != "accreditation" || !fc.MultiValued || !slices.Equal(fc.Added, []string{"state"}) || !slices.Equal(fc.Removed, []string{"jc"}) {
			t.Errorf("%s: %+v, want accreditation +state -jc", name, fc)
		}
	}
}
