package serve

import (
	"path/filepath"
	"testing"
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
