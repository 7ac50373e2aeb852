package hsds_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"treatmentdir/internal/hsds"
)

// TestIDsStable pins derived ids (the value is Python's uuid.uuid5 of the
// same namespace and name): a receiver updates its rows in place
// only while a center's ids stay the same from one export to the next.
func TestIDsStable(t *testing.T) {
	for _, tc := range []struct{ table, key, want string }{
		{"service", "example-meadow-recovery-program-chelsea", "885b6d9a-0c1a-5b18-b92e-e98047ee5f69"},
		{"taxonomy_term", "payment/military", ""},
	} {
		got := hsds.ID(tc.table, tc.key)
		if tc.want != "" && got != tc.want {
			t.Errorf("ID(%q, %q) = %s, want %s", tc.table, tc.key, got, tc.want)
		}
		if again := hsds.ID(tc.table, tc.key); again != got {
			t.Errorf("ID(%q, %q) differs between calls", tc.table, tc.key)
		}
	}
	if hsds.ID("taxonomy_term", "payment/military") == hsds.ID("taxonomy_term", "programs/military") {
		t.Error("two facets' options of one code share an id")
	}
	if hsds.ID("service", "a") == hsds.ID("location", "a") {
		t.Error("a center's service and location share an id")
	}
}

// TestExportDeterministic: two exports of the same site are the same
// bytes.
func TestExportDeterministic(t *testing.T) {
	s := exampleSite(t)
	a, err := hsds.Files(s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := hsds.Files(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two exports", name)
		}
	}
}

// TestPublishFolders: an export goes to a new or empty folder or replaces
// an earlier one, and refuses a folder holding anything else, leaving it
// as it was.
func TestPublishFolders(t *testing.T) {
	files := map[string][]byte{"datapackage.json": []byte("{}\n"), "services.csv": []byte("id\n")}
	dir := t.TempDir()
	out := filepath.Join(dir, "new")
	if err := hsds.Publish(out, files); err != nil {
		t.Fatalf("new folder: %v", err)
	}
	if err := hsds.Publish(out, map[string][]byte{"datapackage.json": []byte("{}\n")}); err != nil {
		t.Fatalf("earlier export: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "services.csv")); err == nil {
		t.Error("a file of the earlier export is left over")
	}
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
	err := hsds.Publish(out, files)
	if err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("a folder with the maintainer's file: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "notes.txt")); string(b) != "mine" {
		t.Error("the refused folder was changed")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	if err := hsds.Publish(empty, files); err != nil {
		t.Errorf("empty folder: %v", err)
	}
}

// TestReadErrors: a folder that is not a package, or a broken one, is an
// error naming the file and the place, never a panic.
func TestReadErrors(t *testing.T) {
	desc := `{"resources": [{"name": "location", "path": "locations.csv"}]}`
	for _, tc := range []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"no descriptor", fstest.MapFS{"locations.csv": {Data: []byte("id\n")}}, "pkg: no datapackage.json"},
		{"bad JSON", fstest.MapFS{"datapackage.json": {Data: []byte("{\n  \"resources\": [,]}")}}, "pkg/datapackage.json: 2:17: invalid character ','"},
		{"no locations", fstest.MapFS{"datapackage.json": {Data: []byte(`{"resources": []}`)}}, "has no location table"},
		{"path out of the folder", fstest.MapFS{"datapackage.json": {Data: []byte(`{"resources": [{"name": "location", "path": "../x.csv"}]}`)}}, `path ../x.csv is not a file inside the package folder`},
		{"missing file", fstest.MapFS{"datapackage.json": {Data: []byte(desc)}}, "pkg/locations.csv: cannot read"},
		{"empty file", fstest.MapFS{"datapackage.json": {Data: []byte(desc)}, "locations.csv": {}}, "pkg/locations.csv:1:1: the file is empty"},
		{"bad quote", fstest.MapFS{"datapackage.json": {Data: []byte(desc)}, "locations.csv": {Data: []byte("id,name\nl1,\"Clinic\n")}}, "pkg/locations.csv:2:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := hsds.Read(tc.files, "pkg")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// FuzzRead: any package reads without a panic, and its places join.
func FuzzRead(f *testing.F) {
	f.Add([]byte("id,organization_id,name\nl1,o1,Clinic\n"), []byte("id,link_id,taxonomy_term_id\na,l1,t\n"))
	f.Fuzz(func(t *testing.T, locations, attributes []byte) {
		fsys := fstest.MapFS{
			"datapackage.json": {Data: []byte(`{"resources": [{"name": "location", "path": "l.csv"}, {"name": "attribute", "path": "a.csv"}]}`)},
			"l.csv":            {Data: locations},
			"a.csv":            {Data: attributes},
		}
		if p, err := hsds.Read(fsys, "pkg"); err == nil {
			p.Places()
		}
	})
}

// TestLanguageCode: an option is a language when its code, label or a
// synonym names one; American Sign Language is ase.
func TestLanguageCode(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{[]string{"english", "English"}, "en"},
		{[]string{"tagalog", "Tagalog (Filipino)"}, "tl"},
		{[]string{"haitian-creole", "Haitian Creole"}, "ht"},
		{[]string{"asl", "Sign language (ASL)", "American Sign Language"}, "ase"},
		{[]string{"peer", "Peer support", "Mentoring/peer support"}, ""},
		{[]string{"español"}, "es"}, // accents folded
	} {
		if got := hsds.LanguageCode(tc.names...); got != tc.want {
			t.Errorf("LanguageCode(%q) = %q, want %q", tc.names, got, tc.want)
		}
	}
}

// TestExportLanguages: the example site's languages and its sign language
// service are language rows with ISO 639 codes.
func TestExportLanguages(t *testing.T) {
	files, err := hsds.Files(exampleSite(t))
	if err != nil {
		t.Fatal(err)
	}
	langs := string(files["languages.csv"])
	for _, want := range []string{",English,en,", ",Spanish,es,", ",American Sign Language,ase,", ",Haitian Creole,ht,"} {
		if !strings.Contains(langs, want) {
			t.Errorf("languages.csv has no row with %q", want)
		}
	}
}
