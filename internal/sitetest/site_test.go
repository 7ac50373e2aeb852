package sitetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"treatmentdir/internal/build"
)

// repoRoot is the repository, seen from this package's folder.
const repoRoot = "../.."

var (
	buildOnce sync.Once
	builtDir  string
	buildErr  error
)

// exampleSite builds the repository's example site once per test run and
// returns the output folder.
func exampleSite(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		builtDir, buildErr = os.MkdirTemp("", "sitetest-")
		if buildErr != nil {
			return
		}
		buildErr = buildInto(builtDir)
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtDir
}

func buildInto(dir string) error {
	fsys := os.DirFS(repoRoot)
	cfg, err := build.LoadConfig(fsys, repoRoot)
	if err != nil {
		return err
	}
	if err := cfg.ResolveBaseURL("https://directory.example.org/", ""); err != nil {
		return err
	}
	_, _, err = build.Publish(fsys, cfg, dir)
	return err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}

// pageOfEachKind lists one page of every kind the site has.
func pageOfEachKind(t *testing.T, dir string) []string {
	t.Helper()
	centers, err := os.ReadDir(filepath.Join(dir, "centers"))
	if err != nil || len(centers) == 0 {
		t.Fatalf("no center pages: %v", err)
	}
	pages := []string{
		"index.html", "404.html", "about/index.html", "levels/index.html", "levels/iop/index.html",
		"states/index.html", "states/oh/index.html", "centers/" + centers[0].Name() + "/index.html", "thanks/index.html",
	}
	for _, p := range pages[:] {
		if p != "404.html" { // the host serves one 404 page, in every language
			pages = append(pages, "es/"+p)
		}
	}
	return pages
}

// TestHTMLValid runs the Nu HTML Checker on every kind of page.
func TestHTMLValid(t *testing.T) {
	dir := exampleSite(t)
	jar := filepath.Join(repoRoot, "node_modules/vnu-jar/build/dist/vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("the Nu HTML Checker is not installed (run .ci/setup): %v", err)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatal("java is needed for the Nu HTML Checker (run .ci/setup)")
	}
	var files []string
	for _, p := range pageOfEachKind(t, dir) {
		files = append(files, filepath.Join(dir, p))
	}
	sort.Strings(files)
	out, err := exec.Command(java, append([]string{"-jar", jar, "--errors-only"}, files...)...).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Fatalf("the Nu HTML Checker found errors (%v):\n%s", err, out)
	}
}
