package htmlexec

import (
	"bytes"
	"html/template"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// Escaping is html/template's own. For each escaper chain that ends an
// action ("_html_template_urlfilter | _html_template_urlnormalizer |
// _html_template_attrescaper" for a value in href="..."), a context is a
// tiny template whose one action html/template escapes with that same
// chain: <a href="{{.}}">. A value is escaped by executing the tiny
// template with it and cutting off the fixed text around the action. The
// tiny template sees the value as it is, so html/template treats a
// template.URL, a fmt.Stringer or an int exactly as it would in the page.
//
// These save that execution; none is escaping code of this package, and
// escape_test.go holds each to html/template, byte by byte and by fuzzing:
//
//   - a plain string made only of bytes the chain is proven to leave alone
//     (safe; in a URL, after "https://" or "http://", a port's ':' too) is
//     its own escaped form;
//   - a value of the type a chain trusts (template.HTML in HTML text,
//     template.JS in a script) is written as it is, as html/template does;
//   - in HTML text, attributes and titles, a plain string without '+' is
//     escaped by the standard library's template.HTMLEscapeString, which
//     html/template's escapers agree with but for '+';
//   - in a URL in a quoted attribute, a plain string made of safe bytes,
//     '&' and '+' (a link with a query string) is escaped by writing
//     those two as "&amp;" and "&#43;";
//   - the escaped form of other strings, and of html/template's typed
//     strings, is remembered per chain: a site shows a city's name, or a
//     center's name on its neighbours' pages, many times.

// escaperPrefix starts the names of the functions html/template inserts.
const escaperPrefix = "_html_template_"

// A context is a tiny template in which html/template ends the action
// {{.}} with chain, and the bytes that a value is safe to be made of there.
// escape_test.go proves each row.
type context struct {
	chain   []string // escaper names without escaperPrefix
	snippet string   // html/template source with one {{.}}
	safe    string   // bytes that a plain string may consist of to be its own escaped form
	// trusted is the typed string that the chain writes as it is, by
	// html/template's definition of that type (template.HTML in HTML text).
	trusted reflect.Type
	// htmlText marks the chains that escape a plain string without '+' as
	// the standard library's template.HTMLEscapeString does.
	htmlText bool
	// ampersands marks the chains of a URL in a quoted attribute, where a
	// plain string of safe bytes, '&' and '+' keeps its bytes but for
	// those two, which the URL normalizer leaves alone and the attribute
	// escaper writes as "&amp;" and "&#43;": a link with a query string.
	ampersands bool
}

// webSchemes may start a plain string in a context whose chain begins
// with the URL filter: the filter lets them through, and the rest of the
// string then only needs safe bytes, or ':' (a port), which can no longer
// start a scheme.
var webSchemes = []string{"https://", "http://"}

// The byte classes of the safe sets. None holds a byte of 0x80 and above,
// so that a safe string never holds a rune that html/template escapes in
// some contexts only (U+2028, U+FDD0); the URL classes hold neither ':'
// nor '%', whose meaning depends on what comes before or after
// ("javascript:", "%zz").
const (
	alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	// htmlSafe is left alone by the HTML text, attribute and RCDATA
	// escapers, which replace only NUL and "&'+<>.
	htmlSafe = alnum + " \t\n!#$%()*,-./:;=?@[\\]^_`{|}~"
	// nospaceSafe is left alone in an unquoted attribute value, where
	// space, = and ` would end or confuse the value as well.
	nospaceSafe = alnum + "!#$%()*,-./:;?@[\\]^_{|}~"
	// urlSafe is left alone by the URL normalizer and then by the
	// attribute escaper: unreserved and reserved characters but & and +.
	urlSafe = alnum + "-._~!#$*,/;=?@[]"
	// urlPartSafe is left alone by the URL query escaper: only unreserved
	// characters.
	urlPartSafe = alnum + "-._~"
)

// contexts are the escaper chains html/template ends actions with on the
// pages of a typical site, each with a tiny template that has it. A chain
// that is not here makes Compile fail with ErrUnsupported. Chains whose
// output is never the input (a JavaScript value is quoted) have no safe
// bytes.
var contexts = []context{
	{[]string{"htmlescaper"}, `{{.}}`, htmlSafe, reflect.TypeFor[template.HTML](), true, false},
	{[]string{"attrescaper"}, `<p title="{{.}}">`, htmlSafe, nil, true, false},
	{[]string{"rcdataescaper"}, `<title>{{.}}</title>`, htmlSafe, nil, true, false},
	{[]string{"nospaceescaper"}, `<p title={{.}}>`, nospaceSafe, nil, false, false},
	{[]string{"htmlnamefilter"}, `<p {{.}}>`, "", nil, false, false},
	{[]string{"urlfilter", "urlnormalizer", "attrescaper"}, `<a href="{{.}}">`, urlSafe, nil, false, true},
	{[]string{"urlnormalizer", "attrescaper"}, `<a href="/{{.}}">`, urlSafe, nil, false, true},
	{[]string{"urlescaper", "attrescaper"}, `<a href="/?q={{.}}">`, urlPartSafe, nil, false, false},
	{[]string{"urlfilter", "urlnormalizer", "nospaceescaper"}, `<a href={{.}}>`, strings.ReplaceAll(urlSafe, "=", ""), nil, false, false},
	{[]string{"urlnormalizer", "nospaceescaper"}, `<a href=/{{.}}>`, strings.ReplaceAll(urlSafe, "=", ""), nil, false, false},
	{[]string{"urlescaper", "nospaceescaper"}, `<a href=/?{{.}}>`, urlPartSafe, nil, false, false},
	{[]string{"urlfilter", "attrescaper"}, `<meta http-equiv="refresh" content="0; url={{.}}">`, "", nil, false, false},
	{[]string{"srcsetescaper", "attrescaper"}, `<img srcset="{{.}}">`, "", nil, false, false},
	{[]string{"jsvalescaper"}, `<script>{{.}}</script>`, "", reflect.TypeFor[template.JS](), false, false},
	{[]string{"jsvalescaper", "attrescaper"}, `<p onclick="{{.}}">`, "", nil, false, false},
	{[]string{"jsstrescaper"}, `<script>"{{.}}"</script>`, "", nil, false, false},
	{[]string{"jstmpllitescaper"}, "<script>`{{.}}`</script>", "", nil, false, false},
	{[]string{"jsregexpescaper"}, `<script>/{{.}}/</script>`, "", nil, false, false},
	{[]string{"cssvaluefilter"}, `<style>p{color:{{.}}}</style>`, "", nil, false, false},
	{[]string{"cssvaluefilter", "attrescaper"}, `<p style="color:{{.}}">`, "", nil, false, false},
	{[]string{"urlfilter", "cssescaper"}, `<style>p{font-family:"{{.}}"}</style>`, "", nil, false, false},
	{[]string{"cssescaper"}, `<style>p{font-family:"/{{.}}"}</style>`, "", nil, false, false},
	{[]string{"urlfilter", "urlnormalizer"}, `<style>p{background:url({{.}})}</style>`, urlSafe, nil, false, false},
	{[]string{"urlnormalizer"}, `<style>p{background:url(/{{.}})}</style>`, urlSafe, nil, false, false},
	{[]string{"urlescaper"}, `<style>p{background:url(/?{{.}})}</style>`, urlPartSafe, nil, false, false},
}

// contextFor finds the context of an escaper chain.
func contextFor(chain []string) (*context, bool) {
	for i := range contexts {
		if slices.Equal(contexts[i].chain, chain) {
			return &contexts[i], true
		}
	}
	return nil, false
}

// escaper applies one escaper chain, through a context, to values.
type escaper struct {
	tmpl           *template.Template // the context's snippet
	prefix, suffix string             // the snippet's text around {{.}}
	safe           [256]bool
	afterScheme    [256]bool    // safe bytes after a web scheme, if one may start a safe string
	webScheme      bool         // a web scheme may start a safe string
	trusted        reflect.Type // written as it is (context.trusted)
	htmlText       bool         // context.htmlText
	ampersands     bool         // context.ampersands
	amp            [256]bool    // safe, '&' and '+'
	ampAfterScheme [256]bool    // afterScheme, '&' and '+'

	memo   [len(typedStrings)]sync.Map // escaped form by string, per type
	budget atomic.Int64                // bytes the memo may still take
	bufs   sync.Pool                   // *bytes.Buffer for executing tmpl
}

// memoBudget bounds the bytes one escaper's memo keeps: room for some ten
// thousand names, which a site shows again and again, while values that
// differ on every page (its URL, its JSON-LD) stop taking room once it is
// used up.
const memoBudget = 1 << 20

// typedStrings are the types whose escaped form depends only on the type
// and the text, so that it can be remembered: string and html/template's
// typed strings. Other types (a fmt.Stringer's String method may give a
// different text each time) are escaped afresh on every use.
var typedStrings = [...]reflect.Type{
	reflect.TypeFor[string](),
	reflect.TypeFor[template.CSS](),
	reflect.TypeFor[template.HTML](),
	reflect.TypeFor[template.HTMLAttr](),
	reflect.TypeFor[template.JS](),
	reflect.TypeFor[template.JSStr](),
	reflect.TypeFor[template.URL](),
	reflect.TypeFor[template.Srcset](),
}

// newEscaper parses the snippet of cx.
func newEscaper(cx *context) *escaper {
	before, after, ok := strings.Cut(cx.snippet, "{{.}}")
	if !ok {
		panic("htmlexec: context without {{.}}: " + cx.snippet)
	}
	e := &escaper{
		tmpl:   template.Must(template.New("").Parse(cx.snippet)),
		prefix: before,
		suffix: after,
	}
	for i := 0; i < len(cx.safe); i++ {
		e.safe[cx.safe[i]] = true
	}
	if e.webScheme = cx.safe != "" && cx.chain[0] == "urlfilter"; e.webScheme {
		e.afterScheme = e.safe
		e.afterScheme[':'] = true
	}
	e.trusted, e.htmlText, e.ampersands = cx.trusted, cx.htmlText, cx.ampersands
	e.amp, e.ampAfterScheme = e.safe, e.afterScheme
	e.amp['&'], e.amp['+'], e.ampAfterScheme['&'], e.ampAfterScheme['+'] = true, true, true, true
	e.budget.Store(memoBudget)
	e.bufs.New = func() any { return new(bytes.Buffer) }
	return e
}

// isSafe reports whether s is its own escaped form by its bytes alone.
// The empty string is not: some chains escape it to "ZgotmplZ".
func (e *escaper) isSafe(s string) bool { return e.fits(s, &e.safe, &e.afterScheme) }

// isAmpersandSafe reports whether s, in a context with ampersands, is
// escaped by writing its '&' and '+' as ampersandEscaper does.
func (e *escaper) isAmpersandSafe(s string) bool {
	return e.ampersands && e.fits(s, &e.amp, &e.ampAfterScheme)
}

// ampersandEscaper writes the two bytes of a URL that the attribute
// escaper changes when everything else is safe.
var ampersandEscaper = strings.NewReplacer("&", "&amp;", "+", "&#43;")

// fits reports whether s is made of the bytes in set, or, after a web
// scheme where one may start a safe string, of those in afterScheme.
func (e *escaper) fits(s string, set, afterScheme *[256]bool) bool {
	if s == "" {
		return false
	}
	if e.webScheme {
		for _, scheme := range webSchemes {
			if rest, ok := strings.CutPrefix(s, scheme); ok {
				return allIn(rest, afterScheme)
			}
		}
	}
	return allIn(s, set)
}

// allIn reports whether every byte of s is in set.
func allIn(s string, set *[256]bool) bool {
	for i := 0; i < len(s); i++ {
		if !set[s[i]] {
			return false
		}
	}
	return true
}

// escape gives html/template's escaped form of v, the value a pipeline
// passes to the first escaper of the chain.
func (e *escaper) escape(v reflect.Value) string {
	if !v.IsValid() {
		return e.execute(nil)
	}
	if v.Kind() == reflect.String {
		typ := v.Type()
		if typ == typedStrings[0] && e.isSafe(v.String()) || typ == e.trusted {
			return v.String()
		}
		if typ == typedStrings[0] && e.htmlText && !strings.Contains(v.String(), "+") {
			return template.HTMLEscapeString(v.String())
		}
		if typ == typedStrings[0] && e.isAmpersandSafe(v.String()) {
			return ampersandEscaper.Replace(v.String())
		}
		for i, t := range typedStrings {
			if typ == t {
				return e.memoized(i, v)
			}
		}
	}
	return e.execute(v.Interface())
}

// memoized escapes v, of typedStrings[kind], or finds it escaped before.
func (e *escaper) memoized(kind int, v reflect.Value) string {
	s := v.String()
	if out, ok := e.memo[kind].Load(s); ok {
		return out.(string)
	}
	out := e.execute(v.Interface())
	if e.budget.Add(-int64(len(s)+len(out))) >= 0 {
		e.memo[kind].Store(s, out)
	}
	return out
}

// execute runs the context's tiny template with a as dot and returns what
// html/template wrote for the action. An error, which a value's String
// method can cause, defers the page to html/template.
func (e *escaper) execute(a any) string {
	b := e.bufs.Get().(*bytes.Buffer)
	defer e.bufs.Put(b)
	b.Reset()
	if err := e.tmpl.Execute(b, a); err != nil {
		deferToHTMLTemplate()
	}
	out := b.Bytes()
	if !bytes.HasPrefix(out, []byte(e.prefix)) || !bytes.HasSuffix(out[len(e.prefix):], []byte(e.suffix)) {
		deferToHTMLTemplate() // html/template changed the context's own text: a context to fix
	}
	return string(out[len(e.prefix) : len(out)-len(e.suffix)])
}

// escapers makes the escaper of each chain once per program, so that a
// program's memo is shared by all its actions.
type escapers map[string]*escaper

func (m escapers) get(chain []string) (*escaper, error) {
	key := strings.Join(chain, " | ")
	if e, ok := m[key]; ok {
		return e, nil
	}
	cx, ok := contextFor(chain)
	if !ok {
		return nil, unsupported("escaper chain %s", key)
	}
	e := newEscaper(cx)
	m[key] = e
	return e, nil
}

// escaperCommand compiles a call of an escaper that html/template left
// inside a pipeline rather than at its end: a chain of one.
func (c *compiler) escaperCommand(name string, ops []operand) (command, error) {
	if !strings.HasPrefix(name, escaperPrefix) || len(ops) > 0 {
		return nil, unsupported("escaper %s", name)
	}
	e, err := c.escapers.get([]string{strings.TrimPrefix(name, escaperPrefix)})
	if err != nil {
		return nil, err
	}
	return func(_ *state, _, final reflect.Value, hasFinal bool) reflect.Value {
		if !hasFinal {
			deferToHTMLTemplate()
		}
		return reflect.ValueOf(e.escape(final))
	}, nil
}

// trailingEscapers splits off the escapers at the end of a pipeline, which
// html/template puts there; an action then writes their output directly.
// chain holds their names without escaperPrefix.
func trailingEscapers(p *parse.PipeNode) (rest []*parse.CommandNode, chain []string) {
	rest = p.Cmds
	for len(rest) > 1 {
		last := rest[len(rest)-1]
		id, ok := last.Args[0].(*parse.IdentifierNode)
		if !ok || len(last.Args) > 1 || !strings.HasPrefix(id.Ident, escaperPrefix) {
			break
		}
		chain = append([]string{strings.TrimPrefix(id.Ident, escaperPrefix)}, chain...)
		rest = rest[:len(rest)-1]
	}
	return rest, chain
}
