package build

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// settingAliases are names people give a setting that spelling alone
// would not lead back to.
var settingAliases = map[string]string{
	"phone": "number", "tel": "number", "telephone": "number", "phone_number": "number",
	"url": "base_url", "baseurl": "base_url", "base-url": "base_url", "site_url": "base_url",
	"lang": "language", "locale": "language", "label": "name", "sms": "text", "texting": "text",
	"helpline": "helplines", "hotlines": "helplines", "hotline": "helplines",
	"csv": "centers", "centres": "centers", "zipcodes": "zips", "zip": "zips",
}

// checkSettings finds every problem of site.toml at once, each at its
// line: unknown keys, with the key they look like, helpline numbers that
// cannot be dialled, and a base URL that is not one.
func checkSettings(path, text string, unknown []toml.Key, cfg *Config) error {
	pos := newSettingPositions(text)
	var errs Errors
	reported := map[string]bool{}
	for _, k := range unknown {
		if reported[k[:len(k)-1].String()] { // inside an unknown table already named
			reported[k.String()] = true
			continue
		}
		reported[k.String()] = true
		p := pos.first(k.String())
		errs = append(errs, Diagnostic{Path: path, Line: p.line, Col: p.col, Msg: unknownSetting(k)})
	}
	for i, h := range cfg.Helplines {
		p := pos.at("helplines.number", i)
		if msg := helplineProblem(h); msg != "" {
			errs = append(errs, Diagnostic{Path: path, Line: p.line, Col: p.col, Msg: msg})
		}
	}
	if err := cfg.validate(); err != nil {
		p := pos.first("base_url")
		errs = append(errs, Diagnostic{Path: path, Line: p.line, Col: p.col, Msg: err.Error()})
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// unknownSetting says which key is unknown, where, and what it may be.
func unknownSetting(k toml.Key) string {
	name, table := k[len(k)-1], k[:len(k)-1].String()
	known := settingNames(reflect.TypeFor[Config]())
	where := ""
	switch table {
	case "helplines":
		known, where = settingNames(reflect.TypeFor[Helpline]()), " in [[helplines]]"
	case "data":
		known, where = settingNames(reflect.TypeFor[DataConfig]()), " in [data]"
	case "":
	default:
		where = fmt.Sprintf(" in [%s]", table)
		known = nil
	}
	hint := suggestion(name, known)
	if a, ok := settingAliases[strings.ToLower(name)]; ok && slices.Contains(known, a) {
		hint = fmt.Sprintf(" (did you mean %q?)", a)
	}
	if hint == "" && len(known) > 0 {
		hint = "; the keys here are " + strings.Join(known, ", ")
	}
	return fmt.Sprintf("unknown key %q%s%s", name, where, hint)
}

// settingNames lists the toml names of a settings struct's fields.
func settingNames(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		if tag := f.Tag.Get("toml"); tag != "" && tag != "-" {
			out = append(out, tag)
		}
	}
	return out
}

// helplineProblem says what is wrong with a helpline, or "".
func helplineProblem(h Helpline) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, h.Number)
	switch {
	case strings.TrimSpace(h.Name) == "":
		return fmt.Sprintf("helpline %q has no name: add name = \"...\" to its [[helplines]] block", h.Number)
	case len(digits) == 3, len(digits) == 10, len(digits) == 11 && digits[0] == '1':
		return ""
	case digits == "":
		return fmt.Sprintf("helpline %q has no number: add number = \"...\", 3 digits (such as 988) or 10 with the area code", h.Name)
	}
	return fmt.Sprintf("helpline number %q has %d digits: give 3 digits (such as 988) or 10 with the area code (such as 1-800-662-4357)",
		h.Number, len(digits))
}

// settingPos is where a key is written.
type settingPos struct{ line, col int }

// settingPositions maps "table.key#n" (n counting the blocks of an array
// of tables such as [[helplines]]) to where the key is written. BurntSushi
// toml does not give positions of keys, so site.toml's simple form (table
// headers and key = value lines) is read again here, for messages only.
type settingPositions map[string]settingPos

func newSettingPositions(text string) settingPositions {
	pos := settingPositions{}
	table, n, count := "", 0, map[string]int{}
	for i, raw := range strings.Split(text, "\n") {
		line := strings.TrimSpace(raw)
		col := strings.Index(raw, line) + 1
		switch {
		case line == "" || line[0] == '#':
		case strings.HasPrefix(line, "[["):
			table = strings.TrimSpace(strings.Trim(strings.SplitN(line, "]]", 2)[0], "[ "))
			n = count[table]
			count[table]++
			pos.add(table, n, i+1, col)
		case line[0] == '[':
			table, n = strings.TrimSpace(strings.Trim(strings.SplitN(line, "]", 2)[0], "[ ")), 0
			pos.add(table, 0, i+1, col)
		default:
			key, _, ok := strings.Cut(line, "=")
			if !ok {
				continue
			}
			full := strings.Trim(strings.TrimSpace(key), `"'`)
			if table != "" {
				full = table + "." + full
			}
			pos.add(full, n, i+1, col)
		}
	}
	return pos
}

func (p settingPositions) add(key string, n, line, col int) {
	k := fmt.Sprintf("%s#%d", key, n)
	if _, dup := p[k]; !dup {
		p[k] = settingPos{line, col}
	}
}

// at is where the n-th block's key is, or the block's header, or line 0.
func (p settingPositions) at(key string, n int) settingPos {
	if s, ok := p[fmt.Sprintf("%s#%d", key, n)]; ok {
		return s
	}
	table, _, _ := strings.Cut(key, ".")
	return p[fmt.Sprintf("%s#%d", table, n)]
}

// first is where the key is first written.
func (p settingPositions) first(key string) settingPos {
	for n := 0; n < 1000; n++ {
		if s, ok := p[fmt.Sprintf("%s#%d", key, n)]; ok {
			return s
		}
	}
	return settingPos{}
}
