package htmlexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"sync/atomic"
	"testing"
)

// testCalls are testFuncs called without reflection.
var testCalls = []Func{
	Func1("rel", testFuncs["rel"].(func(string) string)),
	Func1E("asset", testFuncs["asset"].(func(string) (string, error))),
	Func1("miles", testFuncs["miles"].(func(float64) string)),
	Func1("lower", strings.ToLower),
}

// TestFoldedSameAsHTMLTemplate runs every case with every function pure
// and called directly: each execution, the first that works the folded
// actions out and the second that writes them from memory, gives
// html/template's bytes.
func TestFoldedSameAsHTMLTemplate(t *testing.T) {
	var pure []string
	for name := range testFuncs {
		pure = append(pure, name)
	}
	o := Options{Funcs: testFuncs, Methods: testMethods, Calls: testCalls, Pure: pure}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { testCase(t, tc.name, tc.src, o) })
	}
}

// TestFoldingCallsOnce: a pure function with literal arguments is called
// on the first execution only; with an argument from the data, on each;
// one not declared pure, on each.
func TestFoldingCallsOnce(t *testing.T) {
	var calls atomic.Int64
	count := func(s string) string { calls.Add(1); return "<" + s + ">" }
	funcs := template.FuncMap{"pure": count, "plain": count,
		"dict": testFuncs["dict"], "greet": func(m map[string]any) string { calls.Add(1); return fmt.Sprint(m["A"]) }}
	for _, tc := range []struct {
		src  string
		want int64 // calls in three executions
	}{
		{`{{pure "a"}}`, 1},
		{`<a title="{{pure "a"}}" href="{{pure "/x"}}">{{pure "a" | pure}}</a>`, 4},
		{`{{with pure "a"}}{{.}}{{end}}`, 1},
		{`{{pure (pure "a")}}`, 2},
		{`{{pure .City}}`, 3},
		{`{{plain "a"}}`, 3},
		{`{{$x := pure "a"}}{{$x}}`, 3}, // a declaration is left alone
		{`{{greet (dict "A" "b")}}`, 3}, // greet is not pure; its dict is made once
	} {
		t.Run(tc.src, func(t *testing.T) {
			tmpl := template.Must(template.New("page").Funcs(funcs).Parse(tc.src))
			var want bytes.Buffer
			if err := tmpl.Execute(&want, testData()); err != nil {
				t.Fatal(err)
			}
			p, err := Compile(tmpl, "page", Options{Funcs: funcs, Pure: []string{"pure", "dict"}})
			if err != nil {
				t.Fatal(err)
			}
			calls.Store(0)
			for range 3 {
				var got bytes.Buffer
				if err := p.Execute(&got, testData()); err != nil || got.String() != want.String() {
					t.Fatalf("got %q, %v; want %q", got.String(), err, want.String())
				}
			}
			if n := calls.Load(); n != tc.want {
				t.Errorf("%d calls in three executions, want %d", n, tc.want)
			}
		})
	}
}

// TestFoldedErrorDefersEachTime: a pure call that fails is not remembered;
// each execution defers to html/template.
func TestFoldedErrorDefersEachTime(t *testing.T) {
	tmpl := template.Must(template.New("page").Funcs(testFuncs).Parse(`a{{boom}}b`))
	tmpl.Execute(&bytes.Buffer{}, nil) // escapes the tree; the error is expected
	p, err := Compile(tmpl, "page", Options{Funcs: testFuncs, Pure: []string{"boom"}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := p.Execute(&bytes.Buffer{}, nil); !errors.Is(err, errDefer) {
			t.Fatalf("execution %d: %v, want a deferral", i, err)
		}
	}
}

// TestCallOfWrongTypeRefused: a Func that is not the function Funcs holds
// under its name is a compile error, not a wrong call.
func TestCallOfWrongTypeRefused(t *testing.T) {
	tmpl := template.Must(template.New("page").Funcs(testFuncs).Parse(`{{miles .Score}}`))
	tmpl.Execute(&bytes.Buffer{}, testData())
	for _, f := range []Func{Func1("miles", strings.ToLower), Func1("nothere", strings.ToLower)} {
		if _, err := Compile(tmpl, "page", Options{Funcs: testFuncs, Calls: []Func{f}}); err == nil {
			t.Errorf("%s: compiled", f.name)
		}
	}
}

// TestCallWithNilArgument: nil passed for an interface parameter reaches
// a direct call as nil, as it does through reflection.
func TestCallWithNilArgument(t *testing.T) {
	show := func(v any) string { return fmt.Sprintf("%v", v) }
	funcs := template.FuncMap{"show": show}
	tmpl := template.Must(template.New("page").Funcs(funcs).Parse(`{{show nil}} {{show .Inner.Any}} {{show .Count}}`))
	var want bytes.Buffer
	if err := tmpl.Execute(&want, testData()); err != nil {
		t.Fatal(err)
	}
	p, err := Compile(tmpl, "page", Options{Funcs: funcs, Calls: []Func{Func1("show", show)}})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := p.Execute(&got, testData()); err != nil || got.String() != want.String() {
		t.Errorf("got %q, %v; want %q", got.String(), err, want.String())
	}
}
