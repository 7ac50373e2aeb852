package hugoexport

import (
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/tools/txtar"

	"treatmentdir/internal/build"
)

// TestExportExampleSite exports the repository's site, 400 example centers,
// builds it with Hugo and finds a page per center, level, state and term.
func TestExportExampleSite(t *testing.T) {
	site := loadSite(t, os.DirFS(repoRoot), repoRoot)
	public := exportAndBuild(t, os.DirFS(repoRoot), site)
	checkPages(t, site, public)
}

// TestExportHostileStrings exports data full of markup, quotes, backslashes
// and TOML and template syntax: Hugo must build it, and every value must
// reach the pages as escaped text.
func TestExportHostileStrings(t *testing.T) {
	fsys := fixture(t, "testdata/hostile.txtar")
	site := loadSite(t, fsys, "testsite")
	public := exportAndBuild(t, fsys, site)
	checkPages(t, site, public)

	home := readFile(t, filepath.Join(public, "index.html"))
	if got := html.UnescapeString(between(home, `<a class="brand" href="/">`, "</a>")); got != site.Config.Title {
		t.Errorf("site title on the home page = %q, want %q", got, site.Config.Title)
	}
	for _, markup := range []string{"<script>alert", "<b>x</b>", "<i>", "<Co>", "<es>", "<pay>", "<more>", "<b>bold</b>", "<one>", "<Directory>"} {
		if name := findInFiles(t, public, markup); name != "" {
			t.Errorf("%s holds %q from the data unescaped", name, markup)
		}
	}
}

// TestCenterFrontMatter decodes the front matter the export writes and
// finds every field of the centers file as it was, however it is spelled.
func TestCenterFrontMatter(t *testing.T) {
	fsys := fixture(t, "testdata/hostile.txtar")
	site := loadSite(t, fsys, "testsite")
	files, err := Files(fsys, site)
	if err != nil {
		t.Fatal(err)
	}
	lat, lon := 39.8, -89.6
	want := map[string]any{
		"title": `<script>alert(1)</script> & "Q"`, "lastmod": "2025-01-02",
		"care": []any{"detox", "iop"}, "pay": []any{"medicaid", "self-pay"}, "states": []any{"il"},
		"params": map[string]any{
			"id": "script", "name": `<script>alert(1)</script> & "Q"`, "street": `1 Main St \ Suite "B" <i>`,
			"city": "Springfield", "state": "IL", "zip": "62701", "lat": lat, "lon": lon,
			"phone": "(555) 555-0100 ext. 12", "tel": "+15555550100;ext=12",
			"website": `https://example.org/a?q="><b>x</b>&r=1`,
			"levels":  []any{"detox", "iop"}, "payment": []any{"medicaid", "self-pay"},
			"medications": []any{"methadone"}, "languages": []any{"english", "spanish"},
			"verified": "2025-01-02", "intake_phone": "", "intake_tel": "", "source": "", "source_id": "",
		},
	}
	got := frontMatterOf(t, files["content/centers/script.md"])
	delete(got, "description")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("front matter of centers/script.md:\n got %#v\nwant %#v", got, want)
	}
	for _, c := range site.Centers {
		fm := frontMatterOf(t, files["content/centers/"+c.ID+".md"])
		params := fm["params"].(map[string]any)
		if fm["title"] != c.Name || params["name"] != c.Name || params["street"] != c.Street || params["city"] != c.City {
			t.Errorf("centers/%s.md: title %q, name %q, street %q, city %q; want %q, %q, %q",
				c.ID, fm["title"], params["name"], params["street"], params["city"], c.Name, c.Street, c.City)
		}
		if _, ok := params["lat"]; ok != (c.HasCoords && !c.Approximate) {
			t.Errorf("centers/%s.md: has lat = %v, want %v", c.ID, ok, c.HasCoords && !c.Approximate)
		}
	}
}

// TestExportRefusesTakenURL stops on a content page at a URL of the
// export's own pages, naming its file, and writes nothing.
func TestExportRefusesTakenURL(t *testing.T) {
	fsys := fixture(t, "testdata/hostile.txtar")
	fsys = withFile(t, fsys, "content/pay/cash.md", "+++\ntitle = \"Cash\"\n+++\n")
	site := loadSite(t, fsys, "testsite")
	out := filepath.Join(t.TempDir(), "hugo")
	err := Export(fsys, site, out)
	var errs build.Errors
	if !errors.As(err, &errs) || !strings.HasPrefix(err.Error(), "testsite/content/pay/cash.md: URL /pay/cash/ is taken") {
		t.Fatalf("Export = %v, want an error naming testsite/content/pay/cash.md", err)
	}
	checkNothingWritten(t, out)
}

// TestExportFolders pins what an export may replace: a missing or empty
// folder, or an earlier export holding nothing else than its own files
// unchanged and what Hugo built from them; never the maintainer's files.
func TestExportFolders(t *testing.T) {
	fsys := fixture(t, "testdata/hostile.txtar")
	site := loadSite(t, fsys, "testsite")
	tests := []struct {
		name    string
		prepare func(t *testing.T, out string) // nil: out does not exist
		wantErr string                         // "": the export succeeds
	}{
		{name: "missing folder"},
		{name: "empty folder", prepare: func(t *testing.T, out string) { mkdir(t, out) }},
		{name: "earlier export", prepare: func(t *testing.T, out string) { export(t, fsys, site, out) }},
		{name: "earlier export built by Hugo", prepare: func(t *testing.T, out string) {
			export(t, fsys, site, out)
			writeFiles(t, out, map[string]string{"public/index.html": "x", "resources/_gen/x": "x", ".hugo_build.lock": ""})
		}},
		{name: "folder of other files", wantErr: "is not empty and is not an earlier Hugo export", prepare: func(t *testing.T, out string) {
			writeFiles(t, out, map[string]string{"notes.txt": "mine"})
		}},
		{name: "export with a file added", wantErr: "layouts/mine.html was not written by it or changed since", prepare: func(t *testing.T, out string) {
			export(t, fsys, site, out)
			writeFiles(t, out, map[string]string{"layouts/mine.html": "mine"})
		}},
		{name: "export with a file changed", wantErr: "hugo.toml was not written by it or changed since", prepare: func(t *testing.T, out string) {
			export(t, fsys, site, out)
			writeFiles(t, out, map[string]string{"hugo.toml": "# mine"})
		}},
		{name: "a file, not a folder", wantErr: "is not a folder", prepare: func(t *testing.T, out string) {
			writeFiles(t, filepath.Dir(out), map[string]string{filepath.Base(out): "mine"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "hugo")
			if tt.prepare != nil {
				tt.prepare(t, out)
			}
			before := snapshot(t, filepath.Dir(out))
			err := Export(fsys, site, out)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Export: %v", err)
			case tt.wantErr == "":
				if _, err := os.Stat(filepath.Join(out, "content/centers/script.md")); err != nil {
					t.Errorf("export not in place: %v", err)
				}
			case err == nil || !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("Export = %v, want an error containing %q", err, tt.wantErr)
			default:
				if after := snapshot(t, filepath.Dir(out)); !reflect.DeepEqual(after, before) {
					t.Errorf("a refused export changed the folder:\nbefore %v\nafter  %v", before, after)
				}
			}
			if leftovers := hiddenSiblings(t, out); len(leftovers) > 0 {
				t.Errorf("temporary folders left next to the output: %v", leftovers)
			}
		})
	}
}

// exportAndBuild exports site to a temporary folder, builds it with Hugo
// and returns the folder Hugo wrote.
func exportAndBuild(t *testing.T, fsys fs.FS, site *build.Site) (public string) {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "hugo")
	export(t, fsys, site, out)
	public = filepath.Join(dir, "public")
	runHugo(t, out, public)
	return public
}

// checkPages finds in Hugo's output a page per center, level, state and
// term, each showing its name as text.
func checkPages(t *testing.T, s *build.Site, public string) {
	t.Helper()
	page := func(url string) string {
		return readFile(t, filepath.Join(public, filepath.FromSlash(url), "index.html"))
	}
	h1 := func(url string) string { return html.UnescapeString(between(page(url), "<h1>", "</h1>")) }
	for _, c := range s.Centers {
		if got := h1(c.URL()); got != c.Name {
			t.Errorf("%s: heading %q, want %q", c.URL(), got, c.Name)
		}
	}
	for _, l := range s.Levels {
		if got := h1(l.URL()); got != l.Title {
			t.Errorf("%s: heading %q, want %q", l.URL(), got, l.Title)
		}
		checkCount(t, "/care/"+l.Code+"/", page("/care/"+l.Code+"/"), s.CountOffering(l))
	}
	for _, st := range s.States {
		if got, want := h1(st.URL()), "Treatment centers in "+st.Name; got != want {
			t.Errorf("%s: heading %q, want %q", st.URL(), got, want)
		}
		if n := strings.Count(page(st.URL()), `class="center-card"`); n != st.Count {
			t.Errorf("%s lists %d centers, want %d", st.URL(), n, st.Count)
		}
	}
	for _, p := range s.Vocabulary.Facet("payment").Options {
		if got := h1("/pay/" + p.Code + "/"); got != p.Label {
			t.Errorf("/pay/%s/: heading %q, want %q", p.Code, got, p.Label)
		}
	}
	// Every facet a center lists is on its page, by title and labels.
	for _, c := range s.Centers {
		body := html.UnescapeString(page(c.URL()))
		for _, fv := range c.FacetList(s.Facets) {
			if !strings.Contains(body, "<dt>"+fv.Facet.Title+"</dt>") {
				t.Errorf("%s: no heading %q", c.URL(), fv.Facet.Title)
			}
			for _, o := range fv.Options {
				if !strings.Contains(body, "<li>"+o.Label+"</li>") {
					t.Errorf("%s: no %q under %s", c.URL(), o.Label, fv.Facet.Title)
				}
			}
		}
	}
	for _, p := range contentPages(s) {
		if h1(p.URL) != p.Title {
			t.Errorf("%s: heading %q, want %q", p.URL, h1(p.URL), p.Title)
		}
	}
	for _, name := range []string{"404.html", "sitemap.xml", "robots.txt"} {
		readFile(t, filepath.Join(public, name))
	}
	// Each translated page is at /<lang>/ as the generator puts it, in its language.
	for _, l := range s.Languages[min(1, len(s.Languages)):] {
		for _, p := range l.Translations() {
			url := "/" + l.Code + p.URL
			if h1(url) != p.Title {
				t.Errorf("%s: heading %q, want %q", url, h1(url), p.Title)
			}
			if !strings.Contains(page(url), `<html lang="`+l.Code+`">`) {
				t.Errorf("%s: no <html lang=%q>", url, l.Code)
			}
		}
	}
}

// checkCount finds a term page's count of centers.
func checkCount(t *testing.T, url, page string, n int) {
	t.Helper()
	want := fmt.Sprintf("<p>%d centers.</p>", n)
	if n == 1 {
		want = "<p>1 center.</p>"
	}
	if !strings.Contains(page, want) {
		t.Errorf("%s does not say %s", url, want)
	}
}

// loadSite loads and validates a site as gen does.
func loadSite(t *testing.T, fsys fs.FS, root string) *build.Site {
	t.Helper()
	cfg, err := build.LoadConfig(fsys, root)
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveBaseURL("", ""); err != nil {
		t.Fatal(err)
	}
	s, err := build.Load(fsys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func export(t *testing.T, fsys fs.FS, site *build.Site, out string) {
	t.Helper()
	if err := Export(fsys, site, out); err != nil {
		t.Fatalf("Export: %v", err)
	}
}

// fixture reads a site from a txtar archive.
func fixture(t *testing.T, name string) fs.FS {
	t.Helper()
	a, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := txtar.FS(a)
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// withFile is fsys with one more file.
func withFile(t *testing.T, fsys fs.FS, name, data string) fs.FS {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{name: data})
	return os.DirFS(dir)
}

// writeFiles writes files, by slash-separated path, under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		mkdir(t, filepath.Dir(p))
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

// frontMatterOf decodes the TOML front matter of a page the export wrote.
func frontMatterOf(t *testing.T, page []byte) map[string]any {
	t.Helper()
	front, ok := strings.CutPrefix(string(page), "+++\n")
	front, _, found := strings.Cut(front, "\n+++\n")
	if !ok || !found {
		t.Fatalf("no front matter in %q", page)
	}
	var m map[string]any
	if _, err := toml.Decode(front, &m); err != nil {
		t.Fatalf("decoding front matter: %v\n%s", err, front)
	}
	return m
}

// between is the text of s from the first start to the next end.
func between(s, start, end string) string {
	_, s, _ = strings.Cut(s, start)
	s, _, _ = strings.Cut(s, end)
	return s
}

// findInFiles names the first file under dir that holds text, or "".
func findInFiles(t *testing.T, dir, text string) string {
	t.Helper()
	found := ""
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || found != "" {
			return err
		}
		if b, err := os.ReadFile(p); err == nil && strings.Contains(string(b), text) {
			found = p
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// snapshot lists the files under dir with their contents.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// hiddenSiblings lists the temporary folders an export may leave next to out.
func hiddenSiblings(t *testing.T, out string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".export-*"))
	if err != nil {
		t.Fatal(err)
	}
	return matches
}

// checkNothingWritten makes sure a failed export left no trace.
func checkNothingWritten(t *testing.T, out string) {
	t.Helper()
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed export made %s", out)
	}
	if leftovers := hiddenSiblings(t, out); len(leftovers) > 0 {
		t.Errorf("a failed export left %v", leftovers)
	}
}

// TestExportNewFacet adds a facet to content/facets.toml alone: the
// exported pages list it, by its title and labels.
func TestExportNewFacet(t *testing.T) {
	fsys := fixture(t, "testdata/hostile.txtar")
	toml, err := fs.ReadFile(fsys, "content/facets.toml")
	if err != nil {
		t.Fatal(err)
	}
	fsys = withFile(t, fsys, "content/facets.toml", string(toml)+`
[accreditation]
param = "acc"
title = "Accreditation"

[accreditation.jc]
label = "The Joint Commission"
about = "A national body."
`)
	fsys = withFile(t, fsys, "data/centers.csv", "id,name,city,state,zip,lat,lon,levels,accreditation\na,Example A,Springfield,IL,62701,39.8,-89.6,iop,JC\n")
	site := loadSite(t, fsys, "testsite")
	public := exportAndBuild(t, fsys, site)
	checkPages(t, site, public)
	page := readFile(t, filepath.Join(public, "centers", "a", "index.html"))
	if !strings.Contains(page, "<dt>Accreditation</dt>") || !strings.Contains(page, "<li>The Joint Commission</li>") {
		t.Errorf("the exported center page does not list the new facet:\n%s", page)
	}
}
