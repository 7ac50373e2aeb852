package starter

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFiles: a new site's files are the repository's own site files,
// byte for byte, except the starter's, which differ from the example's
// they replace, and the host's build command, which runs the released
// command rather than ./cmd/gen.
func TestFiles(t *testing.T) {
	files, err := Files("example.org/treatmentdir/cmd/gen@v1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	starterOnly := map[string]bool{"site.toml": true, "content/about.md": true, "data/centers.csv": true,
		".github/workflows/pages.yml": true, ".gitignore": true, "netlify.toml": true}
	if len(files) < 30 {
		t.Fatalf("%d files, want the whole site", len(files))
	}
	for name, b := range files {
		repo, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(name)))
		switch {
		case starterOnly[name] && err == nil && bytes.Equal(repo, b):
			t.Errorf("%s is the example's own: keep one copy", name)
		case !starterOnly[name] && (err != nil || !bytes.Equal(repo, b)):
			t.Errorf("%s differs from the repository's (%v)", name, err)
		}
	}
	if n := string(files["netlify.toml"]); !strings.Contains(n, `command = "go run example.org/treatmentdir/cmd/gen@v1.2.3"`) {
		t.Errorf("netlify.toml's command:\n%s", n)
	}
	if w := string(files[".github/workflows/pages.yml"]); !strings.Contains(w, "go run example.org/treatmentdir/cmd/gen@v1.2.3 -base-url") {
		t.Errorf("the workflow's command:\n%s", w)
	}
}
