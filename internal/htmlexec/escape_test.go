package htmlexec

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template/parse"
)

// emptyEscaped is html/template's escaped form of "" where it is not "":
// an empty unquoted attribute or attribute name would change the markup,
// a JavaScript value is a quoted string, and an empty regular expression
// would start a comment.
var emptyEscaped = map[string]string{
	"nospaceescaper":                         "ZgotmplZ",
	"htmlnamefilter":                         "ZgotmplZ",
	"urlfilter urlnormalizer nospaceescaper": "ZgotmplZ",
	"urlnormalizer nospaceescaper":           "ZgotmplZ",
	"urlescaper nospaceescaper":              "ZgotmplZ",
	"jsvalescaper":                           `""`,
	"jsvalescaper attrescaper":               `&#34;&#34;`,
	"jsregexpescaper":                        "(?:)",
}

// TestContexts proves each row of contexts: html/template ends the action
// of the snippet with exactly the row's chain, and writes the snippet's
// text around it unchanged.
func TestContexts(t *testing.T) {
	seen := map[string]bool{}
	for _, cx := range contexts {
		name := strings.Join(cx.chain, " ")
		t.Run(name, func(t *testing.T) {
			if seen[name] {
				t.Fatalf("chain listed twice")
			}
			seen[name] = true
			tmpl := template.Must(template.New("").Parse(cx.snippet))
			var out bytes.Buffer
			if err := tmpl.Execute(&out, ""); err != nil {
				t.Fatal(err)
			}
			if got := escapedChain(t, tmpl.Tree); !slices.Equal(got, cx.chain) {
				t.Errorf("%s is escaped with %v", cx.snippet, got)
			}
			e := newEscaper(&cx)
			if want := e.prefix + emptyEscaped[name] + e.suffix; out.String() != want {
				t.Errorf(`%s executed with "" gives %q, want %q`, cx.snippet, out.String(), want)
			}
		})
	}
}

// escapedChain is the chain of escapers ending the one action of tree.
func escapedChain(t *testing.T, tree *parse.Tree) []string {
	var actions []*parse.ActionNode
	for _, n := range tree.Root.Nodes {
		if a, ok := n.(*parse.ActionNode); ok {
			actions = append(actions, a)
		}
	}
	if len(actions) != 1 {
		t.Fatalf("%d actions in %s", len(actions), tree.Root)
	}
	_, chain := trailingEscapers(actions[0].Pipe)
	return chain
}

// escapeWithTemplate is what html/template writes for a in the context,
// without the context's own text.
func escapeWithTemplate(t testing.TB, cx *context, a any) string {
	t.Helper()
	tmpl := template.Must(template.New("").Parse(cx.snippet))
	var out bytes.Buffer
	if err := tmpl.Execute(&out, a); err != nil {
		t.Fatal(err)
	}
	before, after, _ := strings.Cut(cx.snippet, "{{.}}")
	s, ok := strings.CutPrefix(out.String(), before)
	if !ok {
		t.Fatalf("%s: output %q", cx.snippet, out.String())
	}
	s, ok = strings.CutSuffix(s, after)
	if !ok {
		t.Fatalf("%s: output %q", cx.snippet, out.String())
	}
	return s
}

// TestSafeBytes: each byte a context calls safe is left alone by
// html/template there, between two letters; and no safe set holds a byte
// whose meaning depends on its neighbours, such as ':' ("javascript:").
func TestSafeBytes(t *testing.T) {
	for _, cx := range contexts {
		for i := 0; i < len(cx.safe); i++ {
			s := "a" + cx.safe[i:i+1] + "z"
			if got := escapeWithTemplate(t, &cx, s); got != s {
				t.Errorf("%s: %q is escaped to %q", cx.snippet, s, got)
			}
		}
		if strings.ContainsAny(cx.safe, "&+<>\"'\x00") || strings.IndexFunc(cx.safe, func(r rune) bool { return r >= 0x80 }) >= 0 {
			t.Errorf("%s: safe bytes %q hold a byte that is never safe", cx.snippet, cx.safe)
		}
		if e := newEscaper(&cx); e.webScheme {
			for b := range 256 {
				for _, scheme := range webSchemes {
					s := scheme + "a" + string([]byte{byte(b)}) + "z"
					if e.afterScheme[b] && escapeWithTemplate(t, &cx, s) != s {
						t.Errorf("%s: %q is escaped, but its bytes are called safe after %s", cx.snippet, s, scheme)
					}
				}
			}
		}
		if isURLChain(cx.chain) && strings.ContainsAny(cx.safe, ":%") {
			t.Errorf("%s: safe bytes %q of a URL hold ':' or '%%'", cx.snippet, cx.safe)
		}
	}
}

func isURLChain(chain []string) bool {
	return slices.ContainsFunc(chain, func(name string) bool { return strings.HasPrefix(name, "url") })
}

// fastPathSeeds are strings that stress the fast path, also run by go test.
var fastPathSeeds = []string{
	"", "a", "Columbus", "St. Mary's", "javascript:alert(1)", "JavaScript:x", "http://x.example/?a=1&b=2",
	"/centers/oak-ash/", "a=b", "%41%zz", "a b", "x`y", "<script>", "&amp;", "+1", "\u2028", "\u202e",
	"\uFDD0", "\xff", "\x00", "#frag", "?q=a,b;c", "[::1]", "a\tb\nc", "data:text/html,x",
	"https://example.org/centers/oak-ash/", "http://x.example", "https://", "https://x.example:8080/",
	"https://javascript:alert(1)", "http://localhost:1313/centers/a/", "https://a:b@x.example/:x", "https://:", "HTTPS://x.example/", "http:/x", "https://a.example/?a=1&b=2",
	"https://a.example/\"onmouseover=x", "https://maps.example/?api=1&destination=1+Main+St", "a&b+c", "&+", "</script><script>alert(1)</script>", "{\"a\":\"<\\/b>\"}",
}

// TestHTMLText: where a context says so, html/template escapes a plain
// string without '+' as template.HTMLEscapeString does, for every byte and
// for the runes it treats specially elsewhere.
func TestHTMLText(t *testing.T) {
	var samples []string
	for b := range 256 {
		if b != '+' {
			samples = append(samples, "a"+string([]byte{byte(b)})+"z")
		}
	}
	samples = append(samples, "St. Mary's & <Sons>", "\u2028\u2029\uFDD0\uFFFD\u202e", "\"'&<>\x00", "x\xff\xfe")
	n := 0
	for _, cx := range contexts {
		if !cx.htmlText {
			continue
		}
		n++
		for _, s := range samples {
			if got, want := template.HTMLEscapeString(s), escapeWithTemplate(t, &cx, s); got != want {
				t.Errorf("%s: HTMLEscapeString(%q) = %q, html/template gives %q", cx.snippet, s, got, want)
			}
		}
	}
	if n == 0 {
		t.Error("no context escapes as HTMLEscapeString does")
	}
}

// TestAmpersands: where a context says so, html/template escapes a URL of
// safe bytes, '&' and '+' by writing those two as "&amp;" and "&#43;"; and
// the shortcut takes the links of a page (directions, a query string).
func TestAmpersands(t *testing.T) {
	samples := []string{"https://www.google.com/maps/dir/?api=1&destination=40.12345,-83.00001",
		"https://www.google.com/maps/dir/?api=1&destination=1+Main+St,+Columbus,+OH,+43215", "a&b+c", "&", "+",
		"/?a=1&b=2", "https://x.example/?a=1&&b=+", "https://x.example:8080/?a&b"}
	n := 0
	for _, cx := range contexts {
		if !cx.ampersands {
			continue
		}
		n++
		e := newEscaper(&cx)
		for _, s := range samples {
			if !e.isAmpersandSafe(s) && (e.webScheme || !strings.Contains(s, ":")) {
				t.Errorf("%s: %q not taken", cx.snippet, s)
			}
			if got, want := ampersandEscaper.Replace(s), escapeWithTemplate(t, &cx, s); got != want {
				t.Errorf("%s: %q escaped as %q, html/template gives %q", cx.snippet, s, got, want)
			}
		}
		for _, s := range []string{"", "javascript:a&b", "a&b<c", "a&b\"c", "a&b'c", "a&b%zz", "a&b c", "x:y&z"} {
			if e.isAmpersandSafe(s) {
				t.Errorf("%s: %q taken", cx.snippet, s)
			}
		}
	}
	if n == 0 {
		t.Error("no context escapes ampersands alone")
	}
}

// TestTrusted: html/template writes a value of a context's trusted type as
// it is, whatever it holds.
func TestTrusted(t *testing.T) {
	n := 0
	for _, cx := range contexts {
		if cx.trusted == nil {
			continue
		}
		n++
		for _, s := range fastPathSeeds {
			v := reflect.ValueOf(s).Convert(cx.trusted).Interface()
			if got := escapeWithTemplate(t, &cx, v); got != s {
				t.Errorf("%s: %T %q is written as %q", cx.snippet, v, s, got)
			}
		}
	}
	if n == 0 {
		t.Error("no context has a trusted type")
	}
}

// FuzzFastPath: whenever the fast path takes a string as its own escaped
// form, html/template agrees, in every context.
func FuzzFastPath(f *testing.F) {
	for _, s := range fastPathSeeds {
		f.Add(s)
	}
	escs := make([]*escaper, len(contexts))
	for i := range contexts {
		escs[i] = newEscaper(&contexts[i])
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, e := range escs {
			if e.trusted != nil {
				v := reflect.ValueOf(s).Convert(e.trusted).Interface()
				if got := escapeWithTemplate(t, &contexts[i], v); got != s {
					t.Errorf("%s: %T %q is written as %q", contexts[i].snippet, v, s, got)
				}
			}
			if e.htmlText && !strings.Contains(s, "+") {
				if got, want := template.HTMLEscapeString(s), escapeWithTemplate(t, &contexts[i], s); got != want {
					t.Errorf("%s: HTMLEscapeString gives %q, html/template %q", contexts[i].snippet, got, want)
				}
			}
			if e.isAmpersandSafe(s) {
				if got, want := ampersandEscaper.Replace(s), escapeWithTemplate(t, &contexts[i], s); got != want {
					t.Errorf("%s: ampersands escaped gives %q, html/template %q", contexts[i].snippet, got, want)
				}
			}
			if !e.isSafe(s) {
				continue
			}
			if got := escapeWithTemplate(t, &contexts[i], s); got != s {
				t.Errorf("%s: fast path keeps %q, html/template gives %q", contexts[i].snippet, s, got)
			}
		}
	})
}

// stringer is printed by its String method, which html/template calls.
type stringerValue struct{ s string }

func (v stringerValue) String() string { return v.s }

// typedValues are the forms a fuzzed string is escaped in: plain, each of
// html/template's typed strings, a type of its own, a fmt.Stringer, a
// pointer, and values that are not strings at all.
var typedValues = []func(string) any{
	func(s string) any { return s },
	func(s string) any { return template.HTML(s) },
	func(s string) any { return template.HTMLAttr(s) },
	func(s string) any { return template.URL(s) },
	func(s string) any { return template.JS(s) },
	func(s string) any { return template.JSStr(s) },
	func(s string) any { return template.CSS(s) },
	func(s string) any { return template.Srcset(s) },
	func(s string) any { type own string; return own(s) },
	func(s string) any { return stringerValue{s} },
	func(s string) any { return &s },
	func(s string) any { return len(s) },
	func(s string) any { return []string{s, s} },
	func(string) any { return nil },
}

// allContexts is a page with an action in the context of every row, for
// comparing a compiled program with html/template.
func allContexts() string {
	var b strings.Builder
	for _, cx := range contexts {
		b.WriteString(strings.ReplaceAll(cx.snippet, "{{.}}", "{{.V}}"))
		b.WriteString("\n")
	}
	return b.String()
}

// FuzzEscaping compares a compiled program with an action in every context
// with html/template, for any text in every form, executed twice so that
// the second run is served from the memo.
func FuzzEscaping(f *testing.F) {
	for _, s := range fastPathSeeds {
		for kind := range typedValues {
			f.Add(s, uint8(kind))
		}
	}
	tmpl := template.Must(template.New("page").Parse(allContexts()))
	if err := tmpl.Execute(&bytes.Buffer{}, struct{ V any }{}); err != nil {
		f.Fatal(err)
	}
	p, err := Compile(tmpl, "page", Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, kind uint8) {
		data := struct{ V any }{typedValues[int(kind)%len(typedValues)](s)}
		var want bytes.Buffer
		if err := tmpl.Execute(&want, data); err != nil {
			t.Skip()
		}
		for run := range 2 {
			var got bytes.Buffer
			if err := p.Execute(&got, data); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Fatalf("%#v, run %d:\nhtmlexec      %q\nhtml/template %q", data.V, run, got.String(), want.String())
			}
		}
	})
}

// TestEscapedOnce: a string the fast path does not take is escaped once
// per chain and then found in the memo; a value of another type is not
// remembered.
func TestEscapedOnce(t *testing.T) {
	e := newEscaper(&contexts[0])
	for range 3 {
		if got := e.escape(reflect.ValueOf(`Oak + "Ash"`)); got != "Oak &#43; &#34;Ash&#34;" { // '+': not HTMLEscapeString's
			t.Fatalf("got %q", got)
		}
		if got := e.escape(reflect.ValueOf(stringerValue{"<b>"})); got != "&lt;b&gt;" {
			t.Fatalf("got %q", got)
		}
	}
	if used := memoBudget - e.budget.Load(); used != int64(len(`Oak + "Ash"`)+len("Oak &#43; &#34;Ash&#34;")) {
		t.Errorf("memo holds %d bytes", used)
	}
}

func ExampleCompile() {
	tmpl := template.Must(template.New("page").Parse(`<a href="/?q={{.}}" title="{{.}}">{{.}}</a>`))
	tmpl.Execute(&bytes.Buffer{}, "") // html/template escapes the tree on the first execution
	p, _ := Compile(tmpl, "page", Options{})
	var b bytes.Buffer
	p.Execute(&b, "Tom & Jerry")
	fmt.Println(b.String())
	// Output: <a href="/?q=Tom%20%26%20Jerry" title="Tom &amp; Jerry">Tom &amp; Jerry</a>
}

// BenchmarkEscape measures the three ways a value is escaped: through the
// tiny template, from the memo, and by the fast path.
func BenchmarkEscape(b *testing.B) {
	for _, i := range []int{0, 1, 5, 13} {
		cx := &contexts[i]
		e := newEscaper(cx)
		b.Run(strings.Join(cx.chain, "|")+"/template", func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				e.execute("https://example.org/x/" + strconv.Itoa(i))
			}
		})
		b.Run(strings.Join(cx.chain, "|")+"/memo", func(b *testing.B) {
			v := reflect.ValueOf("O'Brien & Sons")
			for b.Loop() {
				e.escape(v)
			}
		})
		b.Run(strings.Join(cx.chain, "|")+"/fast", func(b *testing.B) {
			v := reflect.ValueOf("Columbus Recovery Center")
			for b.Loop() {
				e.escape(v)
			}
		})
	}
}
