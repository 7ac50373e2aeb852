package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"
)

// i18nDir holds the interface text, one file per language, in Hugo's
// format: a table per key with other = "..." (and one = "..." for a
// count of one), or a plain string.
const i18nDir = "i18n"

// Dict is the interface text of one language, read from i18n/<lang>.toml.
// Each text may be a text/template, as in Hugo: "{{ .Count }} centros".
type Dict struct {
	Lang  string
	File  string // as named in messages
	texts map[string]*message
	keys  []string // in the file's order
	src   []byte
}

// message is one key's text: other, and one for a count of exactly
// one, each parsed by parseText.
type message struct {
	one, other   string
	oneT, otherT *i18nText
}

// i18nText is a parsed text. Most texts are plain, or fill in values by name
// ("{{ .Count }} centros"): those are kept as parts and filled in without
// text/template, which costs several microseconds a call on pages drawn
// twenty thousand times. Any other action goes to text/template.
type i18nText struct {
	parts []string // literal, name, literal, name, ..., literal
	tmpl  *template.Template
}

// fieldAction matches an action that only names a value: {{ .Count }}.
var fieldAction = regexp.MustCompile(`\{\{-? *\.([A-Za-z_][A-Za-z0-9_]*) *-?\}\}`)

// readDict reads i18n/<lang>.toml. Problems go to rep.
func readDict(fsys fs.FS, root, lang string, rep *report) *Dict {
	name := i18nDir + "/" + lang + ".toml"
	d := &Dict{Lang: lang, File: displayPath(root, name), texts: map[string]*message{}}
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		rep.errorf(d.File, 0, 0, "interface text for language %q not found: copy i18n/en.toml to %s and translate it", lang, name)
		return d
	}
	d.src = src
	if !withinLimits(rep, checkTOML(d.File, src, 0, maxTOMLFile, "the file")) {
		return d
	}
	var raw map[string]any
	md, err := toml.Decode(string(src), &raw)
	if err != nil {
		var errs Errors
		errors.As(tomlDiagnostic(d.File, 0, err), &errs)
		rep.errs = append(rep.errs, errs...)
		return d
	}
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue
		}
		key := k[0]
		m, msg := parseMessage(key, raw[key])
		if msg != "" {
			rep.errorf(d.File, keyLine(src, key), 1, "%s", msg)
			continue
		}
		d.texts[key] = m
		d.keys = append(d.keys, key)
	}
	return d
}

// parseMessage reads one key: "text", or a table with other and maybe one.
func parseMessage(key string, v any) (*message, string) {
	forms := map[string]string{}
	switch v := v.(type) {
	case string:
		forms["other"] = v
	case map[string]any:
		for form, text := range v {
			s, ok := text.(string)
			if !ok || !slices.Contains([]string{"zero", "one", "two", "few", "many", "other"}, form) {
				return nil, fmt.Sprintf("[%s] %s: a key takes texts such as one = \"...\" and other = \"...\"", key, form)
			}
			forms[form] = s
		}
	default:
		return nil, fmt.Sprintf("%s must be a text or a table with other = \"...\"", key)
	}
	if _, ok := forms["other"]; !ok {
		return nil, fmt.Sprintf("[%s] needs other = \"...\" (the text for every count but one)", key)
	}
	m := &message{other: forms["other"], one: forms["one"]}
	var err error
	if m.otherT, err = parseText(key, m.other); err != nil {
		return nil, fmt.Sprintf("[%s] other: %v", key, err)
	}
	if m.oneT, err = parseText(key, m.one); err != nil {
		return nil, fmt.Sprintf("[%s] one: %v", key, err)
	}
	return m, ""
}

// parseText parses a text that holds an action; plain text gives nil.
func parseText(key, src string) (*i18nText, error) {
	if !strings.Contains(src, "{{") {
		return nil, nil
	}
	t, err := template.New(key).Option("missingkey=error").Parse(src) // checks the syntax in every case
	if err != nil {
		return nil, err
	}
	if strings.Contains(fieldAction.ReplaceAllString(src, ""), "{{") || strings.Contains(src, "{{-") || strings.Contains(src, "-}}") {
		return &i18nText{tmpl: t}, nil
	}
	var parts []string
	last := 0
	for _, m := range fieldAction.FindAllStringSubmatchIndex(src, -1) {
		parts = append(parts, src[last:m[0]], src[m[2]:m[3]])
		last = m[1]
	}
	return &i18nText{parts: append(parts, src[last:])}, nil
}

// execute fills in t's values from data, a map or a struct.
func (t *i18nText) execute(key string, data any) (string, error) {
	if t.tmpl != nil {
		var b bytes.Buffer
		err := t.tmpl.Execute(&b, data)
		return b.String(), err
	}
	m, ok := data.(map[string]any)
	if !ok && data != nil {
		var b bytes.Buffer
		err := template.Must(template.New(key).Option("missingkey=error").Parse(t.source())).Execute(&b, data)
		return b.String(), err
	}
	var b strings.Builder
	b.Grow(64)
	for i, p := range t.parts {
		if i%2 == 0 {
			b.WriteString(p)
			continue
		}
		v, ok := m[p]
		if !ok {
			return "", fmt.Errorf("map has no entry for key %q", p)
		}
		if s, ok := v.(string); ok { // as Fprint writes it, without its state
			b.WriteString(s)
			continue
		}
		fmt.Fprint(&b, v)
	}
	return b.String(), nil
}

// source is the text t was parsed from.
func (t *i18nText) source() string {
	var b strings.Builder
	for i, p := range t.parts {
		if i%2 == 1 {
			p = "{{ ." + p + " }}"
		}
		b.WriteString(p)
	}
	return b.String()
}

// T is the text of key in d. data, as in Hugo, is a count (the plural
// form follows it and .Count holds it) or a map whose "Count" picks the
// form; the text is executed with it.
func (d *Dict) T(key string, data ...any) (string, error) {
	m, ok := d.texts[key]
	if !ok {
		return "", fmt.Errorf("%s: no key %q: add it to every file of i18n/", d.File, key)
	}
	var arg any
	if len(data) > 0 {
		arg = data[0]
	}
	count, hasCount := countOf(arg)
	if n, isNum := asInt(arg); isNum {
		arg = map[string]any{"Count": n}
	}
	plain, t := m.other, m.otherT
	if hasCount && count == 1 && m.one != "" {
		plain, t = m.one, m.oneT
	}
	if t == nil {
		return plain, nil
	}
	s, err := t.execute(key, arg)
	if err != nil {
		return "", fmt.Errorf("%s: [%s]: %v", d.File, key, err)
	}
	return s, nil
}

// MustT is T for the texts the generator itself asks for (page titles
// and descriptions), whose keys checkDicts has made sure of.
func (d *Dict) MustT(key string, data ...any) string {
	s, err := d.T(key, data...)
	if err != nil {
		return key
	}
	return s
}

// Has reports whether d has key.
func (d *Dict) Has(key string) bool { _, ok := d.texts[key]; return ok }

// countOf finds the count that picks a plural form: the number itself or
// a map's "Count".
func countOf(v any) (int, bool) {
	if m, ok := v.(map[string]any); ok {
		return asInt(m["Count"])
	}
	return asInt(v)
}

func asInt(v any) (int, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return int(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int(rv.Uint()), true
	}
	return 0, false
}

// checkDicts holds every language to the default one: a key the default
// language has and another lacks is an error naming the key and the file
// (a page would show a hole); a key only another language has is a
// warning, since nothing asks for it.
func checkDicts(dicts []*Dict, rep *report) {
	if len(dicts) == 0 {
		return
	}
	def := dicts[0]
	for _, d := range dicts[1:] {
		if d.src == nil {
			continue // already reported missing
		}
		for _, k := range def.keys {
			if _, ok := d.texts[k]; !ok {
				rep.errorf(d.File, 0, 0, "missing key %q (%s has it): add [%s] with other = \"...\" in this language", k, def.File, k)
			}
		}
		for _, k := range d.keys {
			if _, ok := def.texts[k]; !ok {
				rep.warnOnce("i18n "+d.Lang+" "+k, Diagnostic{Path: d.File, Line: keyLine(d.src, k), Col: 1,
					Msg: fmt.Sprintf("key %q is not in %s, the default language, so no page uses it", k, def.File)})
			}
		}
	}
}

// keyLine finds the line of a key's table or assignment, for messages.
func keyLine(src []byte, key string) int {
	for i, l := range bytes.Split(src, []byte("\n")) {
		l = bytes.TrimSpace(l)
		if string(bytes.TrimSpace(bytes.Trim(l, "[]"))) == key {
			return i + 1
		}
		if k, _, ok := strings.Cut(string(l), "="); ok && strings.TrimSpace(k) == key {
			return i + 1
		}
	}
	return 0
}
