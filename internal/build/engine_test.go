package build

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"treatmentdir/internal/htmlexec"
)

// engineWarningsIn are the warnings of a build that are about the
// template engine, which all name a layout.
func engineWarningsIn(warnings []string) []string {
	var out []string
	for _, w := range warnings {
		if strings.HasPrefix(w, "warning: layouts/") {
			out = append(out, w)
		}
	}
	return out
}

// buildWith builds fsys into memory with cfg changed by set.
func buildWith(t *testing.T, fsys fs.FS, set func(*Config)) (*Result, *memOutput, error) {
	t.Helper()
	cfg, err := LoadConfig(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveBaseURL("https://directory.example.org/", ""); err != nil {
		t.Fatal(err)
	}
	set(&cfg)
	out := newMemOutput()
	res, err := Build(fsys, cfg, out)
	return res, out, err
}

// uncompilable adds to the center layout a call htmlexec does not handle
// (slice), which html/template draws without trouble.
const uncompilable = `{{ define "main" }}<!-- {{ slice .Title 0 1 }} -->`

// TestEngineWarnings: a layout the compiled engine cannot compile is
// named once on the build's warnings, whatever the number of its pages,
// and the pages are still drawn; with HTMLTemplateOnly nothing is said,
// and the example site's layouts all compile.
func TestEngineWarnings(t *testing.T) {
	base := repoSite(t)
	bad := withFiles(base, "")
	page := string(base["layouts/centers/page.html"].Data)
	bad["layouts/centers/page.html"] = &fstest.MapFile{Data: []byte(strings.Replace(page, `{{ define "main" }}`, uncompilable, 1))}
	tests := []struct {
		name string
		fsys fstest.MapFS
		only bool
		want []string // substrings of the one engine warning expected, if any
	}{
		{"example site", base, false, nil},
		{"uncompilable layout", bad, false, []string{"warning: layouts/centers/page.html: ", "cannot compile", "function slice"}},
		{"uncompilable layout, html/template only", bad, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, out, err := buildWith(t, tt.fsys, func(c *Config) { c.HTMLTemplateOnly = tt.only })
			if err != nil {
				t.Fatal(err)
			}
			got := engineWarningsIn(res.Site.Warnings)
			if tt.want == nil {
				if len(got) != 0 {
					t.Errorf("engine warnings %q, want none", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("engine warnings %q, want one", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got[0], w) {
					t.Errorf("warning %q does not say %q", got[0], w)
				}
			}
			if n := pagesUnder(out, "centers/"); n != len(res.Site.Centers) || n < 400 {
				t.Errorf("%d center pages drawn, want %d", n, len(res.Site.Centers))
			}
		})
	}
}

func pagesUnder(out *memOutput, dir string) int {
	n := 0
	for name := range out.files {
		if strings.HasPrefix(name, dir) && strings.HasSuffix(name, "index.html") {
			n++
		}
	}
	return n
}

// engineRenderer is a renderer of the example site whose center layout
// runs prog, compiled from another layout, rather than its own: a
// stand-in for a compiled engine that is wrong.
func engineRenderer(t *testing.T, compare bool, prog *htmlexec.Program) (*renderer, []job) {
	t.Helper()
	fsys := repoSite(t)
	s := loadSite(t, fsys, "https://directory.example.org/")
	r, jobs := preparedRenderer(t, fsys, s, func(r *renderer) { r.compareEngines = compare })
	cl := r.compiled[r.layouts["centers/page.html"]]
	cl.once.Do(func() {})
	cl.prog.Store(prog)
	return r, jobs
}

// programOf compiles the center layout of the example site with edit
// applied to its source, once html/template has escaped it.
func programOf(t *testing.T, edit func(string) string) *htmlexec.Program {
	t.Helper()
	fsys := repoSite(t)
	fsys["layouts/centers/page.html"] = &fstest.MapFile{Data: []byte(edit(string(fsys["layouts/centers/page.html"].Data)))}
	s := loadSite(t, fsys, "https://directory.example.org/")
	r := newTestRenderer(t, fsys, s)
	lt := r.layouts["centers/page.html"]
	// html/template escapes the layout before it executes it, even when
	// the page then fails, as the one whose field does not exist does.
	r.executeHTMLTemplate(lt, &bytes.Buffer{}, centerView(s, s.Centers[0]))
	p, err := htmlexec.Compile(lt, "baseof.html", htmlexec.Options{Funcs: r.funcMap})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHandedBackPagesWarn: pages the compiled layout cannot finish are
// drawn by html/template, and the build says how many, once.
func TestHandedBackPagesWarn(t *testing.T) {
	// A field no view has: the program stops on every center page.
	defers := programOf(t, func(src string) string {
		return strings.Replace(src, "<h1>{{ $c.Name }}</h1>", "<h1>{{ $c.NoSuchField }}</h1>", 1)
	})
	r, jobs := engineRenderer(t, false, defers)
	out := newMemOutput()
	if err := runJobs(jobs, out); err != nil {
		t.Fatal(err)
	}
	got := r.engineWarnings()
	want := "warning: layouts/centers/page.html: html/template drew 400 pages that the compiled layout could not finish"
	if len(got) != 1 || got[0] != want {
		t.Errorf("warnings %q, want %q", got, want)
	}
	if n := pagesUnder(out, "centers/"); n != 400 {
		t.Errorf("%d center pages, want 400", n)
	}
}

// TestCompareEnginesReportsDifference: when the compiled layout draws a
// page otherwise than html/template, a build that compares the engines
// fails on it, naming the layout, the page and where they part.
func TestCompareEnginesReportsDifference(t *testing.T) {
	s := loadSite(t, repoSite(t), "https://directory.example.org/")
	odd := s.Centers[len(s.Centers)/2].ID
	// Wrong on one page only, as a bug in the engine would be.
	wrong := programOf(t, func(src string) string {
		return strings.Replace(src, "<h1>{{ $c.Name }}</h1>", `<h1>{{ $c.Name }}{{ if eq $c.ID "`+odd+`" }}!{{ end }}</h1>`, 1)
	})
	r, jobs := engineRenderer(t, true, wrong)
	err := runJobs(jobs, Discard)
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != 1 {
		t.Fatalf("error %v, want one difference", err)
	}
	d := errs[0]
	for _, want := range []string{"page /centers/" + odd + "/:", "differ at byte", "!</h1>", "-htmltemplate"} {
		if !strings.Contains(d.Msg, want) {
			t.Errorf("%q does not say %q", d.Msg, want)
		}
	}
	if d.Path != "layouts/centers/page.html" {
		t.Errorf("path %q, want layouts/centers/page.html", d.Path)
	}
	if w := r.engineWarnings(); len(w) != 0 {
		t.Errorf("warnings %q, want none", w)
	}

	// The engine as it is: every page the same, so the comparison passes.
	res, _, err := buildWith(t, repoSite(t), func(c *Config) { c.CompareEngines = true })
	if err != nil || res.Pages < 400 {
		t.Fatalf("compared build: %d pages, %v", res.Pages, err)
	}
}

func TestFirstDifferentByte(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       int
		excerptA   string
	}{
		{"same", "abc", "abc", 3, "abc"},
		{"first byte", "xbc", "abc", 0, "xbc"},
		{"middle", "abXd", "abcd", 2, "abXd"},
		{"a is a prefix", "ab", "abc", 2, "ab"},
		{"b is a prefix", "abc", "ab", 2, "abc"},
		{"long page", strings.Repeat("a", 100) + "X" + strings.Repeat("b", 100), strings.Repeat("a", 100) + "Y",
			100, strings.Repeat("a", 40) + "X" + strings.Repeat("b", 39)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := firstDifferentByte([]byte(tt.a), []byte(tt.b))
			if i != tt.want {
				t.Errorf("firstDifferentByte = %d, want %d", i, tt.want)
			}
			if got := excerpt([]byte(tt.a), i); got != tt.excerptA {
				t.Errorf("excerpt = %q, want %q", got, tt.excerptA)
			}
		})
	}
}

// TestEngineSwitchRedrawsPages: pages a build with compiled layouts made
// are not kept as fresh by a build with html/template alone, and the other
// way round, so that -htmltemplate does redraw every page.
func TestEngineSwitchRedrawsPages(t *testing.T) {
	fsys := repoSite(t)
	s := loadSite(t, fsys, "https://directory.example.org/")
	compiled, err := newPageKeys(fsys, s)
	if err != nil {
		t.Fatal(err)
	}
	s.Config.HTMLTemplateOnly = true
	alone, err := newPageKeys(fsys, s)
	if err != nil {
		t.Fatal(err)
	}
	c := s.Centers[0]
	if compiled.center(c, s.Nearby[c.index], false) == alone.center(c, s.Nearby[c.index], false) {
		t.Error("a center page has the same key whichever engine draws it")
	}
}
