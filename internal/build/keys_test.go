package build

import (
	"strings"
	"testing"
	"text/template"
	"text/template/parse"
)

// TestShowsSiteWide: a layout depends on every center when it reaches
// them from the Site, or where the dot may be the Site; a city's own
// centers do not count.
func TestShowsSiteWide(t *testing.T) {
	funcs := template.FuncMap{"partialCached": func(string, any, any) string { return "" },
		"dict":        func(...any) map[string]any { return nil },
		"unknownFunc": func() string { return "" },
		"T":           func(string, ...any) string { return "" },
		"twins":       func(string) []Twin { return nil },
		"local":       func([]*Level) []*Level { return nil }}
	for _, tc := range []struct {
		name, src string
		wide      bool
	}{
		{"a city's centers", `{{ range .State.Cities }}{{ range .Centers }}{{ .Name }}{{ end }}{{ end }}`, false},
		{"settings", `{{ .Site.Config.Title }}{{ with .Center }}{{ .Name }}{{ end }}`, false},
		{"the language's text and twins", `{{ T "x" 2 }}{{ range twins .URL }}{{ .Abs }}{{ end }}{{ range local .Center.Levels }}{{ .Title }}{{ end }}`, false},
		{"the Site's centers", `{{ range .Site.Centers }}x{{ end }}`, true},
		{"$.Site.States", `{{ range $.Site.States }}x{{ end }}`, true},
		{"with .Site", `{{ with .Site }}{{ range .Centers }}x{{ end }}{{ end }}`, true},
		{"a variable's field", `{{ $s := .Site }}{{ range $s.Centers }}x{{ end }}`, true},
		{"with a variable", `{{ $s := .Site }}{{ with $s }}{{ len .States }}{{ end }}`, true},
		{"a template called with the Site", `{{ template "p" .Site }}{{ define "p" }}{{ len .Centers }}{{ end }}`, true},
		{"a partial drawn with the Site", `{{ partialCached "p" .Site "" }}{{ define "p" }}{{ len .Centers }}{{ end }}`, true},
		{"a partial reaching the Site", `{{ partialCached "p" . "" }}{{ define "p" }}{{ len .Site.Centers }}{{ end }}`, true},
		{"a chain", `{{ (index .Site.Levels 0).Centers }}`, true},
		{"a partial drawn with a dict", `{{ partialCached "p" (dict "Site" .Site) "" }}{{ range .Nearby }}x{{ end }}{{ define "p" }}{{ .Site.Config.Title }}{{ end }}`, false},
		{"with a parenthesized Site", `{{ with (.Site) }}{{ len .Centers }}{{ end }}`, true},
		{"with the Site out of a dict", `{{ with index . "Site" }}{{ len .Centers }}{{ end }}`, true},
		{"OfferedIn", `{{ .Site.OfferedIn .Level }}`, true},
		{"an option's count", `{{ .Site.OptionCount "pay" "medicaid" }}`, true},
		{"every center's neighbours", `{{ len .Site.Nearby }}`, true},
		{"a center page's own neighbours", `{{ range .Nearby }}{{ .Name }}{{ end }}`, false},
		{"a function not known to be local", `{{ unknownFunc }}`, true},
	} {
		tmpl := template.Must(template.New("page").Funcs(funcs).Parse(tc.src))
		lookup := func(name string) *parse.Tree {
			if x := tmpl.Lookup(name); x != nil {
				return x.Tree
			}
			return nil
		}
		if got := showsSiteWide(lookup, "page"); got != tc.wide {
			t.Errorf("%s: %s: wide is %v, want %v", tc.name, tc.src, got, tc.wide)
		}
	}
}

// TestLayoutsKeyedByTheirOwnData: the repository's center and state pages
// depend on their own centers only, so that a rebuild skips the others.
func TestLayoutsKeyedByTheirOwnData(t *testing.T) {
	fsys := repoSite(t)
	r := newTestRenderer(t, fsys, loadSite(t, fsys, "https://directory.example.org/"))
	for _, name := range []string{"centers/page.html", "states/page.html", "states/city.html"} {
		l, err := r.layout(name)
		if err != nil {
			t.Fatal(err)
		}
		if r.showsSiteWide(l) {
			t.Errorf("%s counts as showing every center: every rebuild would draw all its pages", name)
		}
	}
}

// TestKeyHashInPieces: a Key hashed in pieces is sumKey of the pieces
// joined, however they are cut.
func TestKeyHashInPieces(t *testing.T) {
	whole := []byte("gen page keys\x00state\x00CA\x00California\x00" + strings.Repeat("0123456789abcdef", 100))
	cases := []struct {
		name string
		cuts []int
	}{
		{"nothing", nil},
		{"one piece", []int{len(whole)}},
		{"two", []int{7, len(whole)}},
		{"many small", []int{1, 2, 3, 50, 51, 900, len(whole)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newKeyHash()
			at := 0
			for i, cut := range tc.cuts {
				if i%2 == 0 {
					h.write(whole[at:cut])
				} else {
					h.writeString(string(whole[at:cut]))
				}
				at = cut
			}
			if got, want := h.sum(), sumKey(whole[:at]); got != want {
				t.Errorf("sum = %x, want %x", got, want)
			}
		})
	}
}
