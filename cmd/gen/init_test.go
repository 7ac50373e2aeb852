package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInit: a new site from gen init builds and checks at once; gen
// check lists the starter's placeholders until they are edited; the
// example row, having no coordinates, is found at its ZIP centroid.
func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "county")
	code, out, errOut := gen("init", dir)
	if code != 0 || !strings.Contains(out, "made a new site in "+dir) {
		t.Fatalf("init: exit %d\n%s%s", code, out, errOut)
	}
	for _, name := range []string{"site.toml", "netlify.toml", ".gitignore", ".github/workflows/pages.yml", "data/centers.csv",
		"data/zips.csv", "content/_index.md", "content/about.md", "content/facets.toml", "content/levels/iop.md",
		"layouts/baseof.html", "layouts/_partials/footer.html", "static/app.js"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the new site lacks %s", name)
		}
	}
	pub := filepath.Join(t.TempDir(), "public")
	code, out, errOut = gen("-root", dir, "-out", pub)
	if code != 0 || !strings.HasPrefix(out, "built 14 pages from 1 centers") {
		t.Fatalf("gen in the new site: exit %d\n%s%s", code, out, errOut)
	}
	page, _ := os.ReadFile(filepath.Join(pub, "centers", "example-treatment-center-columbus", "index.html"))
	if !strings.Contains(string(page), "approximate") {
		t.Errorf("the example row's page does not say its location is approximate")
	}
	code, out, errOut = gen("check", "-root", dir)
	if code != 0 || !strings.Contains(out, "ok: 1 centers") {
		t.Fatalf("gen check in the new site: exit %d\n%s%s", code, out, errOut)
	}
	want := filepath.Join(dir, "site.toml") + `:7:10: "EDIT THIS" is the starter's placeholder`
	if !strings.Contains(errOut, want) || strings.Count(errOut, "starter's placeholder") != 4 {
		t.Errorf("gen check does not list the 4 placeholders (want %q):\n%s", want, errOut)
	}
	for _, name := range []string{"site.toml", "content/about.md"} {
		b, _ := os.ReadFile(filepath.Join(dir, name))
		os.WriteFile(filepath.Join(dir, name), []byte(strings.ReplaceAll(string(b), "EDIT THIS: ", "")), 0o644)
	}
	if code, _, errOut := gen("check", "-root", dir); code != 0 || strings.Contains(errOut, "placeholder") {
		t.Errorf("after editing: exit %d\n%s", code, errOut)
	}
}

// TestInitRefuses: gen init never writes into a folder that holds
// anything, and names the folder and what to do.
func TestInitRefuses(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "notes.txt")
	os.WriteFile(mine, []byte("mine"), 0o644)
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"non-empty folder", []string{"init", dir}, dir + " is not empty (it holds notes.txt): gen init writes a new site only into a new or empty folder"},
		{"no folder", []string{"init"}, "init takes one argument"},
		{"two folders", []string{"init", "a", "b"}, "init takes one argument"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if code, _, errOut := gen(tc.args...); code != 2 || !strings.Contains(errOut, tc.stderr) {
				t.Errorf("exit %d, want 2; stderr lacks %q:\n%s", code, tc.stderr, errOut)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the refused folder holds %d entries, want 1", len(entries))
	}
}

// TestExampleWordingWarned: the example site's words about made-up
// centers are flagged once the centers are the maintainer's own, and
// not while they are the example's.
func TestExampleWordingWarned(t *testing.T) {
	site := exampleSite(t)
	if _, _, errOut := gen("check", "-root", site); strings.Contains(errOut, "example site's wording") {
		t.Errorf("the example site is warned about its own wording:\n%s", errOut)
	}
	own := filepath.Join(t.TempDir(), "centers.csv")
	os.WriteFile(own, []byte("id,name,city,state,zip,lat,lon,levels\nhope-house,Hope House,Columbus,OH,43215,39.96,-83,iop\n"), 0o644)
	_, _, errOut := gen("check", "-root", site, "-data", own)
	want := filepath.Join(site, "content", "about.md") + `:8:4: "The centers in this example are not real" is the example site's wording about made-up centers, but your centers are real: rewrite it`
	if !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
}
