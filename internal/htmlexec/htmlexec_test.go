package htmlexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"
)

type place struct {
	Name  string
	City  string
	Tags  []string
	Score float64
	Count int
	Inner *place
	*Embedded
	Props  map[string]any
	Body   template.HTML
	Link   template.URL
	Script template.JS
	Any    any
	hidden string
}

type Embedded struct{ Zip string }

func (p *place) URL() string                 { return "/places/" + strings.ToLower(p.Name) + "/" }
func (p *place) Has(tag string) bool         { return strings.Contains(strings.Join(p.Tags, ","), tag) }
func (p place) Upper() string                { return strings.ToUpper(p.Name) }
func (p *place) Fails() (string, error)      { return "", errors.New("no") }
func (p *place) Pair(a string, b int) string { return fmt.Sprint(a, b) }

type stringer struct{ n int }

func (s stringer) String() string { return fmt.Sprintf("#%d", s.n) }

var testFuncs = template.FuncMap{
	"rel":   func(s string) string { return "/base/" + strings.TrimPrefix(s, "/") },
	"asset": func(s string) (string, error) { return "/a/" + s, nil },
	"dict": func(kv ...any) (map[string]any, error) {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m, nil
	},
	"miles": func(f float64) string { return fmt.Sprintf("%.1f", f) },
	"lower": strings.ToLower,
	"boom":  func() (string, error) { return "", errors.New("boom") },
}

func testData() *place {
	return &place{
		Name: `Oak & "Ash" <Center>`, City: "Columbus", Tags: []string{"iop", "detox"}, Score: 2.5, Count: 3,
		Inner:    &place{Name: "Inner", City: "Dayton"},
		Embedded: &Embedded{Zip: "43215"},
		Props:    map[string]any{"b": 2, "a": "one", "html": template.HTML("<b>x</b>")},
		Body:     "<p>Hello</p>", Link: "tel:+15555550100", Script: `{"a":1}`,
		Any: stringer{7},
	}
}

// cases are templates executed with testData; each must give exactly what
// html/template gives.
var cases = []struct {
	name, src string
}{
	{"text", `<p>{{.Name}} in {{.City}}</p>`},
	{"attribute", `<a title="{{.Name}}" href="{{.URL}}">x</a>`},
	{"unquoted attribute", `<a title={{.Name}}>x</a>`},
	{"url from func", `<a href="{{rel .URL}}">{{rel "/levels/"}}</a>`},
	{"url query", `<a href="/s?q={{.Name}}&x={{.City}}">x</a>`},
	{"unsafe url", `<a href="{{.Props.a}}">x</a><a href="{{printf "javascript:%s" "alert(1)"}}">y</a>`},
	{"typed url", `<a href="{{.Link}}">call</a>`},
	{"typed html", `<div>{{.Body}}</div>`},
	{"rcdata", `<title>{{.Name}}</title><textarea>{{.Body}}</textarea>`},
	{"script json", `<script type="application/ld+json">{{.Script}}</script>`},
	{"method value receiver", `{{.Upper}} {{.Inner.Upper}}`},
	{"method with args", `{{.Has "iop"}} {{.Has "php"}} {{.Pair "a" 3}}`},
	{"embedded", `{{.Zip}} {{.Embedded.Zip}}`},
	{"map", `{{.Props.a}} {{.Props.b}} {{.Props.html}}`},
	{"range slice", `{{range .Tags}}<li>{{.}}</li>{{end}}`},
	{"range index", `{{range $i, $t := .Tags}}{{if $i}}, {{end}}{{$i}}={{$t}}{{end}}`},
	{"range one var", `{{range $t := .Tags}}[{{$t}}]{{end}}`},
	{"range map", `{{range $k, $v := .Props}}{{$k}}:{{$v}};{{end}}`},
	{"range int", `{{range 3}}{{.}}{{end}}{{range $i := .Count}}<{{$i}}>{{end}}`},
	{"range else", `{{range .Inner.Tags}}x{{else}}none{{end}}`},
	{"range break continue", `{{range .Tags}}{{if eq . "detox"}}{{break}}{{end}}{{.}}{{continue}}z{{end}}`},
	{"if else chain", `{{if not .Count}}zero{{else if gt .Count 2}}big{{else}}small{{end}}`},
	{"with else", `{{with .Inner}}{{.Name}}{{end}}{{with .Inner.Inner}}x{{else}}none{{end}}`},
	{"with else with", `{{with .Inner.Tags}}t{{else with .Inner.City}}{{.}}{{end}}`},
	{"variables", `{{$n := .Name}}{{$c := .City}}{{$n}}/{{$c}}{{$c = "changed"}} {{$c}} {{$.City}}`},
	{"variables in if", `{{if $x := .Inner}}{{$x.Name}}{{end}}`},
	{"comparisons", `{{eq .Count 3}} {{ne .City "x"}} {{lt .Score 3.0}} {{le 2 .Count}} {{ge .Count 4}} {{eq .Count 1 2 3}}`},
	{"and or", `{{and .Count .City}} {{or "" .Name}} {{and .Inner.Tags "x"}} {{or .Inner.Tags .Tags}}`},
	{"len index", `{{len .Tags}} {{index .Tags 1}} {{index .Props "a"}} {{len .Name}}`},
	{"printf", `{{printf "%s has %d" .City .Count}} {{print .Score 1}} {{println "x"}}`},
	{"pipeline", `{{.City | lower}} {{.URL | rel}} {{"x" | printf "%s-%s" "y"}}`},
	{"parenthesized", `{{(rel .URL)}} {{(.Inner).Name}} {{len (index .Tags 0)}}`},
	{"funcs", `{{miles .Score}} {{asset "app.js"}} {{with dict "A" .Name "B" nil}}{{.A}}{{.B}}{{end}}`},
	{"stringer", `{{.Any}} <a title="{{.Any}}">x</a>`},
	{"numbers", `{{.Score}} {{.Count}} {{1.5}} {{0x10}} {{'a'}} {{-3}}`},
	{"nil values", `{{.Inner.Props}} {{.Inner.Any}}`},
	{"comment", `a{{/* hidden */}}b`},
	{"bools", `{{true}} {{not false}} {{if .Inner.Embedded}}e{{else}}no embedded{{end}}`},
	{"templates", `{{define "card"}}<b>{{.Name}}</b>{{end}}{{template "card" .}}{{template "card" .Inner}}{{template "card" dict "Name" "D"}}`},
	{"block", `{{block "b" .}}<i>{{.City}}</i>{{end}}`},
	{"recursion", `{{define "r"}}{{.Name}}{{with .Inner}}>{{template "r" .}}{{end}}{{end}}{{template "r" .}}`},
	{"dollar in template", `{{define "d"}}{{$.City}}{{end}}{{template "d" .Inner}}`},
	{"missing key defers", `{{.Props.nothere}}`},
	{"nil pointer defers", `{{.Inner.Inner.Name}}`},
	{"error defers", `{{.Fails}}`},
	{"func error defers", `{{boom}}`},
	{"html in attribute", `<a title="{{.Body}}">x</a>`},
	{"script string", `<script>var x = "{{.Name}}", y = {{.Name}}, z = {{.Count}};</script>`},
	{"style", `<style>p { color: {{.City}}; font-family: "{{.Name}}" }</style>`},
	{"unexported defers", `{{.hidden}}`},
}

// testMethods are called directly in the second run of each case.
var testMethods = []Method{
	Method0("URL", (*place).URL), Method1("Has", (*place).Has),
	Method0("Upper", place.Upper), Method0("Upper", (*place).Upper),
}

func TestSameAsHTMLTemplate(t *testing.T) {
	for _, methods := range [][]Method{nil, testMethods} {
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s/%d-methods", tc.name, len(methods)), func(t *testing.T) {
				testCase(t, tc.name, tc.src, Options{Funcs: testFuncs, Methods: methods})
			})
		}
	}
}

// testCase executes src with html/template and compiled: the outputs must
// be the same, or, for a case named "... defers", the compiled one must
// defer.
func testCase(t *testing.T, name, src string, o Options) {
	tmpl := template.Must(template.New("page").Option("missingkey=error").Funcs(testFuncs).Parse(src))
	var want bytes.Buffer
	wantErr := tmpl.ExecuteTemplate(&want, "page", testData())
	p, err := Compile(tmpl, "page", o)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	for range 2 { // the second time, folded actions write what they remember
		checkExecution(t, name, p, want.String(), wantErr)
	}
}

// checkExecution executes p with testData, for testCase.
func checkExecution(t *testing.T, name string, p *Program, want string, wantErr error) {
	t.Helper()
	var got bytes.Buffer
	gotErr := p.Execute(&got, testData())
	defers := strings.HasSuffix(name, "defers")
	switch {
	case gotErr != nil && defers:
	case gotErr != nil:
		t.Fatalf("execute: %v (html/template: %q, %v)", gotErr, want, wantErr)
	case wantErr != nil:
		t.Fatalf("html/template failed with %v, htmlexec gave %q", wantErr, got.String())
	case got.String() != want:
		t.Errorf("htmlexec:\n%s\nhtml/template:\n%s", got.String(), want)
	case defers:
		t.Errorf("did not defer: %q", got.String())
	}
}

// TestUnsupportedIsReported: a construct Compile does not handle is an
// error wrapping ErrUnsupported, not a wrong program.
func TestUnsupportedIsReported(t *testing.T) {
	for _, src := range []string{
		`<img srcset={{.City}}>`,
		`{{slice .Name 1 2}}`,
		`{{html .Name}}`,
		`{{define "t"}}{{.City}}{{end}}<a title="{{template "t" .}}">x</a>`,
	} {
		tmpl := template.Must(template.New("page").Funcs(testFuncs).Parse(src))
		if err := tmpl.ExecuteTemplate(&bytes.Buffer{}, "page", testData()); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if _, err := Compile(tmpl, "page", Options{Funcs: testFuncs}); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: compiled (err %v)", src, err)
		}
	}
}
