package exportdir

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// TestReplace takes a missing, an empty and an earlier folder, and leaves a
// folder it may not replace exactly as it was, with no temporary folder.
func TestReplace(t *testing.T) {
	files := map[string][]byte{"a.txt": []byte("new\n"), "sub/b.txt": []byte("b\n")}
	refuse := errors.New("not ours")
	tests := []struct {
		name    string
		before  map[string]string // files in out before; nil: out is missing
		verdict error             // what mayReplace says
		want    map[string]string // files in out after
	}{
		{"missing", nil, nil, map[string]string{"a.txt": "new\n", "sub/b.txt": "b\n"}},
		{"empty", map[string]string{}, refuse, map[string]string{"a.txt": "new\n", "sub/b.txt": "b\n"}},
		{"earlier export", map[string]string{"a.txt": "old\n", "gone.txt": "x"}, nil, map[string]string{"a.txt": "new\n", "sub/b.txt": "b\n"}},
		{"refused", map[string]string{"mine.txt": "keep"}, refuse, map[string]string{"mine.txt": "keep"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "out")
			if tc.before != nil {
				write(t, out, tc.before)
			}
			asked := false
			err := Replace(out, files, func(string) error { asked = true; return tc.verdict })
			if tc.name == "refused" {
				if !errors.Is(err, refuse) {
					t.Fatalf("Replace = %v, want the refusal", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if wantAsked := len(tc.before) > 0; asked != wantAsked {
				t.Errorf("mayReplace asked: %v, want %v", asked, wantAsked)
			}
			if got := read(t, out); !maps.Equal(got, tc.want) {
				t.Errorf("out holds %v, want %v", got, tc.want)
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 1 {
				t.Errorf("beside out: %d entries, want out alone", len(entries))
			}
		})
	}
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func read(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}
