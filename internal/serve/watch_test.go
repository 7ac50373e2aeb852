package serve

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestEditorFile(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"centers.csv", false},
		{"centers.csv~", true},
		{".centers.csv.swp", true},
		{".centers.csv.swx", true},
		{"4913", true},
		{".#centers.csv", true},
		{"#centers.csv#", true},
		{"centers.csv___jb_tmp___", true},
		{".DS_Store", true},
		// Files a site may really have must count.
		{"#", false},
		{".nojekyll", false},
		{"_redirects", false},
		{"security.txt", false},
		{"49130", false},
	}
	for _, tt := range tests {
		if got := editorFile(tt.name); got != tt.want {
			t.Errorf("editorFile(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestWithin(t *testing.T) {
	sep := string(filepath.Separator)
	tests := []struct {
		name, dir string
		want      bool
	}{
		{"data", "data", true},
		{"data" + sep + "centers.csv", "data", true},
		{"data" + sep + "a" + sep + "b.csv", "data", true},
		{"database.csv", "data", false},    // a prefix of the name is not the folder
		{"site.toml~", "site.toml", false}, // nor is a longer name
		{"site.toml", "site.toml", true},
		{"content", ".", true},
	}
	for _, tt := range tests {
		if got := within(tt.name, tt.dir); got != tt.want {
			t.Errorf("within(%q, %q) = %v, want %v", tt.name, tt.dir, got, tt.want)
		}
	}
}

func TestDescribeChanges(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "centers.csv")
	writeFile(t, real, "id\n")
	gone := filepath.Join(dir, "sedX1b2c3")
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{"one", []string{real}, real + " changed"},
		{"temporary file left out", []string{gone, real}, real + " changed"},
		{"only gone files", []string{gone}, gone + " changed"},
		{"several", []string{real, real + "x", real + "y"}, real + " and 2 more changed"},
	}
	for _, tt := range tests {
		if tt.name == "several" {
			writeFile(t, real+"x", "")
			writeFile(t, real+"y", "")
		}
		if got := describeChanges(tt.files); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestWatcherIgnoresOutput checks that the output folder inside a watched
// tree is not watched, even when one is named by a relative path and the
// other by an absolute one: otherwise every build would trigger the next.
func TestWatcherIgnoresOutput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, filepath.Join("static", "out", "old.html"), "")
	w, err := newWatcher([]string{"static"}, []string{filepath.Join(dir, "static", "out")})
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	writeFile(t, filepath.Join("static", "out", "new.html"), "")
	writeFile(t, filepath.Join("static", "out", "sub", "new.html"), "")
	writeFile(t, filepath.Join("static", "app.js"), "")
	deadline := time.After(wait)
	for {
		select {
		case ev := <-w.events():
			name, ok := w.handle(ev, io.Discard)
			if !ok {
				continue
			}
			if name != filepath.Join("static", "app.js") {
				t.Fatalf("change to %s counted", name)
			}
			return
		case err := <-w.errors():
			t.Fatal(err)
		case <-deadline:
			t.Fatal("no event for static/app.js")
		}
	}
}

// TestWatcherFileTarget checks that a watched file is seen when an editor
// replaces it by renaming a new file over it, and that its neighbours are
// not.
func TestWatcherFileTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "centers.csv")
	writeFile(t, target, "id\n")
	w, err := newWatcher([]string{target}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	writeFile(t, filepath.Join(dir, "other.csv"), "id\n")
	tmp := filepath.Join(dir, ".centers.csv.tmp")
	writeFile(t, tmp, "id\na\n")
	if err := os.Rename(tmp, target); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(wait)
	for {
		select {
		case ev := <-w.events():
			name, ok := w.handle(ev, io.Discard)
			if !ok {
				continue
			}
			if name != target {
				t.Fatalf("change to %s counted", name)
			}
			return
		case <-deadline:
			t.Fatal("no event for the replaced file")
		}
	}
}
