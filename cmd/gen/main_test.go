package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain keeps the builds' caches (gen -cache) in a folder of its own,
// not in the user's.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gen-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// exampleSite copies the repository's site into a temp folder.
func exampleSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"content", "layouts", "static", "i18n"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join("../..", name))); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"data/centers.csv", "data/zips.csv", "site.toml"} {
		copyFile(t, filepath.Join("../..", name), filepath.Join(dir, name))
	}
	return dir
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(to), 0o755)
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gen(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = exitCode(run(args, &out, &errb), &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	site := exampleSite(t)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("id,name,city,state,zip,levels\nx,Example,Columbus,OH,43215,iopp\nX,,Columbus,OH,43215,iop\n"), 0o644)
	out := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		// 839 pages: the example site is in English and Spanish since issue 16 (the 404 page serves both).
		{"build", []string{"-root", site, "-out", out}, 0, "built 839 pages from 400 centers: ", "placed at their ZIP code's centroid"},
		{"build with html/template alone", []string{"-root", site, "-out", t.TempDir(), "-htmltemplate"}, 0, "built 839 pages from 400 centers: ", "placed at their ZIP code's centroid"},
		{"check", []string{"check", "-root", site}, 0, "ok: 400 centers, 6 levels of care", "placed at their ZIP code's centroid"},
		{"check with html/template alone", []string{"check", "-root", site, "-htmltemplate"}, 0, "ok: 400 centers, 6 levels of care", "placed at their ZIP code's centroid"},
		{"bad data", []string{"check", "-root", site, "-data", bad}, 1, "", bad + `:2:29: unknown level "iopp" (did you mean "iop"?)`},
		{"every error printed", []string{"-root", site, "-data", bad, "-out", out}, 1, "", bad + ":3:3: name is required"},
		{"unknown command", []string{"publish"}, 2, "", `unknown command "publish"`},
		{"unknown flag", []string{"check", "-nope"}, 2, "", "flag provided but not defined"},
		{"stray argument", []string{"-root", site, "extra"}, 2, "", `unexpected argument "extra"`},
		{"bad base URL", []string{"check", "-root", site, "-base-url", "example.org"}, 2, "", "must be an absolute http or https URL"},
		{"missing root", []string{"-root", filepath.Join(site, "nope")}, 2, "", "not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := gen(tt.args...)
			if code != tt.code || !holds(stdout, tt.stdout) || !holds(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q (\"\": empty)",
					code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

// holds reports whether out contains want; an empty want means that out
// must be empty.
func holds(out, want string) bool {
	if want == "" {
		return out == ""
	}
	return strings.Contains(out, want)
}

// TestCheckWritesNothing runs check on a site with no public/ folder.
func TestCheckWritesNothing(t *testing.T) {
	site := exampleSite(t)
	if code, _, stderr := gen("check", "-root", site); code != 0 {
		t.Fatalf("check failed: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "public")); !os.IsNotExist(err) {
		t.Errorf("check created public/: %v", err)
	}
}

// TestBadDataKeepsPublished builds, then fails a build: public/ must be
// byte-identical to what the good build left.
func TestBadDataKeepsPublished(t *testing.T) {
	site := exampleSite(t)
	if code, _, stderr := gen("-root", site); code != 0 {
		t.Fatal(stderr)
	}
	before := tree(t, filepath.Join(site, "public"))
	os.WriteFile(filepath.Join(site, "data/centers.csv"), []byte("id,name,city,state,zip,levels\n"), 0o644)
	if code, _, stderr := gen("-root", site); code != 1 || !strings.Contains(stderr, "no centers") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	after := tree(t, filepath.Join(site, "public"))
	if len(before) < 419 {
		t.Fatalf("%d files published, want every page of the example site", len(before))
	}
	if len(before) != len(after) {
		t.Fatalf("%d files before, %d after", len(before), len(after))
	}
	for name, b := range before {
		if after[name] != b {
			t.Errorf("%s changed", name)
		}
	}
}

func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			files[p] = string(b)
		}
		return err
	})
	return files
}

// TestCacheFolder: a build keeps its cache in the user's cache folder, or
// in the -cache folder, or nowhere with -cache off; check keeps none.
func TestCacheFolder(t *testing.T) {
	site := exampleSite(t)
	count := func(dir string) int {
		entries, _ := os.ReadDir(dir)
		return len(entries)
	}
	user := filepath.Join(os.Getenv("XDG_CACHE_HOME"), "treatmentdir")
	own := t.TempDir()
	before := count(user)
	steps := []struct {
		args      []string
		user, own int
	}{
		{[]string{"check", "-root", site}, 0, 0},
		{[]string{"-root", site, "-cache", "off"}, 0, 0},
		// Two files a site: the centers cache and, beside it, the ZIP table.
		{[]string{"-root", site, "-cache", own}, 0, 2},
		{[]string{"-root", site}, 2, 2},
		{[]string{"-root", site}, 2, 2}, // the same files, replaced
	}
	for _, s := range steps {
		if code, _, stderr := gen(s.args...); code != 0 {
			t.Fatalf("gen %v: %s", s.args, stderr)
		}
		if got := count(user) - before; got != s.user {
			t.Errorf("after gen %v: %d files in the user's cache folder, want %d", s.args, got, s.user)
		}
		if got := count(own); got != s.own {
			t.Errorf("after gen %v: %d files in -cache, want %d", s.args, got, s.own)
		}
	}
}

// TestEngineWarningOnce: a layout the compiled engine cannot compile is
// named once on stderr by gen and gen check, however many pages use it,
// and not at all with -htmltemplate.
func TestEngineWarningOnce(t *testing.T) {
	site := exampleSite(t)
	page := filepath.Join(site, "layouts/centers/page.html")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), `{{ define "main" }}`, `{{ define "main" }}<!-- {{ slice .Title 0 1 }} -->`, 1)
	if err := os.WriteFile(page, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	warning := "warning: " + filepath.Join(site, "layouts/centers/page.html") + ": the compiled engine cannot compile this layout"
	for _, tt := range []struct {
		args []string
		want int
	}{
		{[]string{"-root", site, "-out", t.TempDir(), "-cache", "off"}, 1},
		{[]string{"check", "-root", site}, 1},
		{[]string{"check", "-root", site, "-htmltemplate"}, 0},
	} {
		code, _, stderr := gen(tt.args...)
		if code != 0 {
			t.Fatalf("gen %v: exit %d: %s", tt.args, code, stderr)
		}
		if n := strings.Count(stderr, warning); n != tt.want {
			t.Errorf("gen %v: the warning printed %d times, want %d:\n%s", tt.args, n, tt.want, stderr)
		}
	}
}
