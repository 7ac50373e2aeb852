package csvdiff

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"treatmentdir/internal/build"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden diffs each testdata/<case>/old.csv against new.csv and checks
// the reports against want.txt and want.md, or the errors against want.err.
func TestGolden(t *testing.T) {
	cases, err := filepath.Glob("testdata/*/old.csv")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no test cases in testdata (%v)", err)
	}
	// The repository's site, as gen diff run in it uses: its columns
	// only, so that a column of the maintainer's own (notes) is left out.
	v, err := build.LoadVocabulary(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	schema := SchemaOf(v)
	for _, oldPath := range cases {
		dir := filepath.Dir(oldPath)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			r, err := Diff("old.csv", readFile(t, oldPath), "new.csv", readFile(t, filepath.Join(dir, "new.csv")), &schema)
			if err != nil {
				golden(t, filepath.Join(dir, "want.err"), []byte(err.Error()+"\n"))
				return
			}
			var text, md bytes.Buffer
			if err := r.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			if err := r.WriteMarkdown(&md); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join(dir, "want.txt"), text.Bytes())
			golden(t, filepath.Join(dir, "want.md"), md.Bytes())
		})
	}
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// golden compares got with the file, or rewrites the file under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(name, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readFile(t, name)
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestCompareField(t *testing.T) {
	tests := []struct {
		name            string
		field, old, new string
		changed         bool
		added, removed  []string
	}{
		{name: "same name", field: "name", old: "A Example", new: "A Example"},
		{name: "name spaces around", field: "name", old: " A Example ", new: "A Example"},
		{name: "name case counts", field: "name", old: "A example", new: "A Example", changed: true},
		{name: "name emptied", field: "name", old: "A Example", new: "", changed: true},
		{name: "state case", field: "state", old: "ma", new: "MA"},
		{name: "state changed", field: "state", old: "MA", new: "NH", changed: true},
		{name: "lat trailing zeros", field: "lat", old: "42.50", new: "42.5"},
		{name: "lat moved", field: "lat", old: "42.5", new: "42.6", changed: true},
		{name: "lat added", field: "lat", old: "", new: "42.6", changed: true},
		{name: "lat not a number", field: "lat", old: "north", new: "North", changed: true},
		{name: "phone punctuation", field: "phone", old: "(617) 555-0100", new: "617.555.0100"},
		{name: "phone leading 1", field: "phone", old: "1-617-555-0100", new: "(617) 555-0100"},
		{name: "phone extension spelling", field: "phone", old: "617-555-0100 x12", new: "(617) 555-0100 ext. 12"},
		{name: "phone extension changed", field: "phone", old: "617-555-0100 x12", new: "617-555-0100 x13", changed: true},
		{name: "phone number changed", field: "phone", old: "617-555-0100", new: "617-555-0101", changed: true},
		// A value the build rejects is compared as written, not emptied:
		// two different bad numbers must not look alike.
		{name: "phone invalid", field: "phone", old: "call us", new: "ring us", changed: true},
		{name: "website case counts", field: "website", old: "https://a.example.org/X", new: "https://a.example.org/x", changed: true},
		{name: "levels reordered", field: "levels", old: "detox;residential", new: "residential;detox"},
		{name: "levels case and spaces", field: "levels", old: "IOP; php", new: "iop;PHP "},
		{name: "levels empty entries", field: "levels", old: "iop;;", new: ";iop"},
		{name: "levels repeated", field: "levels", old: "iop;iop", new: "iop"},
		{name: "levels added and removed", field: "levels", old: "detox;iop", new: "iop;php;residential",
			changed: true, added: []string{"php", "residential"}, removed: []string{"detox"}},
		{name: "languages inner spaces", field: "languages", old: "American  Sign Language", new: "american sign language"},
		{name: "payment from nothing", field: "payment", old: "", new: "medicaid",
			changed: true, added: []string{"medicaid"}},
		{name: "medications all removed", field: "medications", old: "methadone;naltrexone", new: "",
			changed: true, removed: []string{"methadone", "naltrexone"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			multi := headerSchema([]string{"payment", "medications", "languages"}).MultiValued[tt.field]
			fc, changed := compareField(tt.field, multi, tt.old, tt.new)
			if changed != tt.changed {
				t.Fatalf("compareField(%q, %q, %q) changed = %v, want %v", tt.field, tt.old, tt.new, changed, tt.changed)
			}
			if !slices.Equal(fc.Added, tt.added) || !slices.Equal(fc.Removed, tt.removed) {
				t.Errorf("added %q removed %q, want added %q removed %q", fc.Added, fc.Removed, tt.added, tt.removed)
			}
		})
	}
}

func TestFieldChangeString(t *testing.T) {
	tests := []struct {
		name string
		fc   FieldChange
		want string
	}{
		{"single", FieldChange{Field: "name", Old: "A", New: "B"}, `name: "A" → "B"`},
		{"single emptied", FieldChange{Field: "website", Old: "https://a.example.org/"}, `website: "https://a.example.org/" → ""`},
		{"quotes escaped", FieldChange{Field: "name", Old: `A "B"`, New: "A\nB"}, `name: "A \"B\"" → "A\nB"`},
		{"set both", FieldChange{Field: "levels", MultiValued: true, Added: []string{"php", "iop"}, Removed: []string{"detox"}},
			`levels: added "php", "iop"; removed "detox"`},
		{"set removed only", FieldChange{Field: "payment", MultiValued: true, Removed: []string{"free"}}, `payment: removed "free"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fc.String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestRead(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		ids     []string
		wantErr string
	}{
		{name: "header only", data: "id,name\n", ids: nil},
		{name: "bom crlf and case", data: "\uFEFFName,ID\r\nA,a\r\nB,b\r\n", ids: []string{"a", "b"}},
		{name: "quoted line break", data: "id,name\na,\"two\nlines\"\nb,B\n", ids: []string{"a", "b"}},
		{name: "empty", data: " \n", wantErr: "x.csv: empty file: expected a header row naming the columns"},
		{name: "no id column", data: "name,city\nA,B\n", wantErr: `x.csv:1:1: missing required column "id": rows are matched by id`},
		{name: "duplicate column", data: "id,name,NAME\na,A,A\n", wantErr: `x.csv:1:9: duplicate column "name"`},
		{name: "invalid utf-8", data: "id,name\na,\xff\n", wantErr: "x.csv:2:3: invalid UTF-8: the file must be saved as UTF-8"},
		{name: "empty id", data: "id,name\n ,A\n", wantErr: "x.csv:2:1: id is required: rows are matched by id"},
		// The second duplicate names the line of the first, even when a
		// quoted field spans lines before it.
		{name: "duplicate id", data: "id,name\na,\"A\nA\"\na,B\n", wantErr: `x.csv:4:1: duplicate id "a" (first used on line 2)`},
		{name: "all rows checked", data: "id,name\na\nb,B\nc\n", wantErr: "x.csv:2:1: wrong number of fields: the row must have one field per column of the header\n" +
			"x.csv:4:1: wrong number of fields: the row must have one field per column of the header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Read("x.csv", []byte(tt.data))
			if tt.wantErr != "" {
				var errs build.Errors
				if !errors.As(err, &errs) || err.Error() != tt.wantErr {
					t.Fatalf("got error %v, want build.Errors %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for id := range f.Centers {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			if !slices.Equal(ids, tt.ids) {
				t.Errorf("ids %q, want %q", ids, tt.ids)
			}
		})
	}
}

// FuzzDiff checks that any pair of inputs gives either errors that each
// name a file, or a report that accounts for every center of both files.
func FuzzDiff(f *testing.F) {
	for _, c := range []string{"basic", "malformed"} {
		f.Add(readFile(f, "testdata/"+c+"/old.csv"), readFile(f, "testdata/"+c+"/new.csv"))
	}
	f.Add([]byte("id,levels\na,iop\n"), []byte("ID,Levels\r\na,IOP;php\r\n"))
	f.Fuzz(func(t *testing.T, oldData, newData []byte) {
		r, err := Diff("old.csv", oldData, "new.csv", newData, nil)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "old.csv:") && !strings.HasPrefix(line, "new.csv:") && !strings.HasPrefix(line, "and ") {
					t.Fatalf("error line %q names no file", line)
				}
			}
			return
		}
		if r.NewCount-len(r.Added) != r.OldCount-len(r.Removed) {
			t.Fatalf("%s: the centers in both files do not add up", r.Summary())
		}
		var text, md bytes.Buffer
		if r.WriteText(&text) != nil || r.WriteMarkdown(&md) != nil {
			t.Fatal("writing the report failed")
		}
		if n := strings.Count(md.String(), "\n"); n < 1+len(r.Added)+len(r.Removed)+len(r.Changed) {
			t.Fatalf("markdown report has %d lines, too few for %s", n, r.Summary())
		}
	})
}
