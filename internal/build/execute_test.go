package build

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"treatmentdir/internal/htmlexec"
)

// renderBoth renders s twice, as Render does: with compiled layouts and
// with html/template alone. It returns the files of each and the renderer
// that compiled, to look into.
func renderBoth(t *testing.T, fsys fs.FS, s *Site) (compiled, htmlTemplate map[string][]byte, r *renderer) {
	t.Helper()
	render := func(only bool) (*renderer, map[string][]byte) {
		r, jobs := preparedRenderer(t, fsys, s, func(r *renderer) { r.htmlTemplateOnly = only })
		out := newMemOutput()
		if err := runJobs(jobs, out); err != nil {
			t.Fatal(err)
		}
		return r, out.files
	}
	_, htmlTemplate = render(true)
	r, compiled = render(false)
	return compiled, htmlTemplate, r
}

// preparedRenderer is a renderer of s in the default language, set up by
// configure, with its layouts prepared and its jobs listed.
func preparedRenderer(t *testing.T, fsys fs.FS, s *Site, configure func(*renderer)) (*renderer, []job) {
	t.Helper()
	r := newRenderer(s)
	r.root = "."
	configure(r)
	var err error
	if r.search, err = newSearchIndex(s); err != nil {
		t.Fatal(err)
	}
	if err := r.prepare(fsys); err != nil {
		t.Fatal(err)
	}
	jobs, err := r.jobs()
	if err != nil {
		t.Fatal(err)
	}
	return r, jobs
}

// loadSite loads fsys with its site at baseURL.
func loadSite(t testing.TB, fsys fs.FS, baseURL string) *Site {
	t.Helper()
	cfg, err := LoadConfig(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveBaseURL(baseURL, ""); err != nil {
		t.Fatal(err)
	}
	s, err := Load(fsys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sameFiles fails unless every file is byte for byte the same.
func sameFiles(t *testing.T, compiled, htmlTemplate map[string][]byte) {
	t.Helper()
	if len(compiled) != len(htmlTemplate) {
		t.Fatalf("%d files, html/template alone %d", len(compiled), len(htmlTemplate))
	}
	for name, want := range htmlTemplate {
		if got := compiled[name]; !bytes.Equal(got, want) {
			t.Errorf("%s differs from html/template's:\n%s", name, firstDifference(got, want))
		}
	}
}

func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-60)
	return "compiled:      " + string(got[from:min(len(got), i+60)]) + "\nhtml/template: " + string(want[from:min(len(want), i+60)])
}

// compiledLayoutsUsed fails unless the layouts of center and state pages
// were compiled, matched html/template, and drew every page themselves.
func compiledLayoutsUsed(t *testing.T, r *renderer) {
	t.Helper()
	for rel, tmpl := range r.layouts {
		cl := r.compiled[tmpl]
		if cl.mismatch.Load() {
			t.Errorf("layouts/%s: compiled program differs from html/template", rel)
		}
		if rel != "centers/page.html" && rel != "states/page.html" {
			continue
		}
		if cl.program() == nil {
			t.Errorf("layouts/%s was not compiled", rel)
		} else if n := cl.deferred.Load(); n > 0 {
			t.Errorf("layouts/%s: %d pages left to html/template", rel, n)
		}
	}
}

// TestCompiledLayoutsExampleSite builds the example site with compiled
// layouts and with html/template alone, at the root and in a sub-folder.
func TestCompiledLayoutsExampleSite(t *testing.T) {
	for _, base := range []string{"https://directory.example.org/", "https://example.org/sub/dir/"} {
		t.Run(base, func(t *testing.T) {
			fsys := repoSite(t)
			compiled, slow, r := renderBoth(t, fsys, loadSite(t, fsys, base))
			sameFiles(t, compiled, slow)
			compiledLayoutsUsed(t, r)
		})
	}
}

// hostileText is data meant to go wrong: markup, quotes of both kinds,
// entities, characters that URL escaping treats specially, a URL scheme,
// separators JavaScript treats as line ends, right-to-left text and
// override marks, and template syntax. None of it can take the fast path
// that skips escaping.
var hostileText = []string{
	`<script>alert(1)</script> Recovery`,
	`O'Brien & "Sons" + Partners`,
	"Line\u2028Separator\u2029Center",
	"مركز الأمل للتعافي",
	"Hope \u202eretneC\u202c House",
	`javascript:alert(1)`,
	`a=b c&d=e #frag ?q=1 100%`,
	`{{.Site}} </title><!-- -->`,
	"Ünïcödé Straße 5 · Köln",
	"`backtick` = `",
}

// withHostileData rewrites the centers of fsys: every third gets a
// hostile name, street, city and language.
func withHostileData(t *testing.T, fsys fstest.MapFS) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(fsys["data/centers.csv"].Data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for i, row := range rows[1:] {
		if i%3 != 0 {
			continue
		}
		h := func(k int) string { return hostileText[(i/3+k)%len(hostileText)] }
		row[col["name"]] = h(0) + " " + row[col["name"]]
		row[col["street"]] = h(1)
		row[col["city"]] = h(2)
		row[col["source"]] = h(3)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	fsys["data/centers.csv"] = &fstest.MapFile{Data: b.Bytes()}
}

// TestCompiledLayoutsSyntheticSite builds a synthetic site whose data is
// partly hostile with compiled layouts and with html/template alone.
func TestCompiledLayoutsSyntheticSite(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 500
	}
	fsys := syntheticFS(t, n)
	withHostileData(t, fsys)
	compiled, slow, r := renderBoth(t, fsys, loadSite(t, fsys, "https://example.org/x/"))
	sameFiles(t, compiled, slow)
	compiledLayoutsUsed(t, r)
	escaped := 0
	for name, b := range compiled {
		if strings.HasPrefix(name, "centers/") && bytes.Contains(b, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
			escaped++
		}
	}
	if escaped == 0 {
		t.Error("no center page shows the escaped <script> name: the hostile data did not reach the pages")
	}
}

// FuzzCenterPage draws a center page of the example site with any name,
// street, city and language, with the compiled layout and with
// html/template: the bytes must be the same.
func FuzzCenterPage(f *testing.F) {
	for i, s := range hostileText {
		f.Add(s, hostileText[(i+1)%len(hostileText)], hostileText[(i+2)%len(hostileText)], s)
	}
	f.Add("Oak Center", "1 Main St", "Columbus", "English")
	fsys := repoSite(f)
	s := loadSite(f, fsys, "https://directory.example.org/")
	r := newTestRenderer(f, fsys, s)
	t, _ := r.layout("centers/page.html")
	cl := r.compiled[t]
	if err := r.execute(t, &bytes.Buffer{}, centerView(s, s.Centers[0])); err != nil {
		f.Fatal(err)
	}
	p := cl.program()
	if p == nil {
		f.Fatal("centers/page.html was not compiled")
	}
	f.Fuzz(func(t *testing.T, name, street, city, source string) {
		c := *s.Centers[1]
		c.Name, c.Street, c.City, c.Source = name, street, city, source
		v := centerView(s, &c)
		var want, got bytes.Buffer
		if err := r.executeHTMLTemplate(r.layouts["centers/page.html"], &want, v); err != nil {
			t.Skip()
		}
		if err := p.Execute(&got, v); err != nil {
			t.Fatalf("compiled layout failed: %v", err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("differs from html/template:\n%s", firstDifference(got.Bytes(), want.Bytes()))
		}
	})
}

// program is the compiled layout, if it is in use.
func (cl *compiledLayout) program() *htmlexec.Program {
	if cl == nil {
		return nil
	}
	return cl.prog.Load()
}

// TestDirectCallsFound: every function listed to be called without
// reflection is found in the layouts' functions with the type it is
// listed with, so that none silently goes back to reflection.
func TestDirectCallsFound(t *testing.T) {
	fsys := repoSite(t)
	cfg, _ := LoadConfig(fsys, ".")
	cfg.ResolveBaseURL("", "")
	s, err := Load(fsys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	r := newTestRenderer(t, fsys, s)
	if got, want := len(r.directCalls()), 4; got != want {
		t.Errorf("%d of %d direct calls found in the layouts' functions", got, want)
	}
	for _, name := range pureFuncs {
		if _, ok := r.funcMap[name]; !ok {
			t.Errorf("pure function %s is not a function of the layouts", name)
		}
	}
}
