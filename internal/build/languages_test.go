package build

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestDictPlurals holds T to Hugo's i18n: a count picks one or other, and
// the text is a template over the count or the map given.
func TestDictPlurals(t *testing.T) {
	rep := &report{}
	fsys := fstest.MapFS{"i18n/es.toml": {Data: []byte(`
plain = "Buscar"
centers = { one = "{{ .Count }} centro", other = "{{ .Count }} centros" }
[checked]
other = "revisado el {{ .Date }}"
[none]
other = "{{ if eq .Count 0 }}ningún centro{{ else }}{{ .Count }} centros{{ end }}"
`)}}
	d := readDict(fsys, ".", "es", rep)
	if err := rep.err(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, key string
		data      any
		want      string
	}{
		{"plain text", "plain", nil, "Buscar"},
		{"one", "centers", 1, "1 centro"},
		{"other", "centers", 12, "12 centros"},
		{"zero is other", "centers", 0, "0 centros"},
		{"count in a map", "centers", map[string]any{"Count": 1}, "1 centro"},
		{"table form", "checked", map[string]any{"Date": "20 de julio de 2026"}, "revisado el 20 de julio de 2026"},
		{"any other action: text/template", "none", 0, "ningún centro"},
		{"any other action, other branch", "none", 3, "3 centros"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			var err error
			if tc.data == nil {
				got, err = d.T(tc.key)
			} else {
				got, err = d.T(tc.key, tc.data)
			}
			if err != nil || got != tc.want {
				t.Errorf("T(%q, %v) = %q, %v; want %q", tc.key, tc.data, got, err, tc.want)
			}
		})
	}
	if _, err := d.T("centers", map[string]any{"N": 1}); err == nil || !strings.Contains(err.Error(), `[centers]: map has no entry for key "Count"`) {
		t.Errorf("missing value: %v", err)
	}
	if _, err := d.T("nope"); err == nil || !strings.Contains(err.Error(), `i18n/es.toml: no key "nope"`) {
		t.Errorf("unknown key: %v", err)
	}
}

// TestSpanishDates writes dates as Spanish speakers do.
func TestSpanishDates(t *testing.T) {
	res, _ := mustBuild(t, repoSite(t))
	var es *Language
	for _, l := range res.Site.Languages {
		if l.Code == "es" {
			es = l
		}
	}
	if es == nil {
		t.Fatal("the example site has no Spanish")
	}
	for date, want := range map[string]string{"2026-07-20": "20 de julio de 2026", "2025-01-05": "5 de enero de 2025"} {
		if got := es.date(date, true); got != want {
			t.Errorf("date(%s) = %q, want %q", date, got, want)
		}
	}
	if got := es.date("2025-03-09", false); got != "marzo de 2025" {
		t.Errorf("month = %q", got)
	}
	if got := res.Site.Languages[0].date("2026-07-20", true); got != "July 20, 2026" {
		t.Errorf("English date = %q", got)
	}
}

// TestLanguageProblems: what Hugo stops on is an error naming the file and
// the key; what Hugo would pass over is a warning naming the file.
func TestLanguageProblems(t *testing.T) {
	for _, tc := range []struct {
		name, files string
		err, warn   string // substrings; "" for none
	}{
		{"key missing in Spanish", "+ i18n/en.toml\nonly_en = \"x\"\n",
			`i18n/es.toml: missing key "only_en" (i18n/en.toml has it)`, ""},
		{"key only in Spanish", "+ i18n/es.toml\nsolo = \"x\"\n",
			"", `key "solo" is not in i18n/en.toml`},
		{"Spanish file missing",
			"-- i18n/es.toml --\nDELETE\n",
			`i18n/es.toml: interface text for language "es" not found`, ""},
		{"translation without its English page",
			"-- content/extra.es.md --\n+++\ntitle = \"Extra\"\n+++\nHola.\n",
			"", "content/extra.es.md: no page content/extra.md in the default language to translate"},
		{"page without its translation",
			"-- content/about.es.md --\nDELETE\n",
			"", "content/about.md: no es translation (content/about.es.md): /es/about/ shows this text"},
		{"file in a language the site does not have",
			"-- content/about.fr.md --\n+++\ntitle = \"À propos\"\n+++\n",
			"", `content/about.fr.md: language "fr" is not in site.toml's languages (en, es)`},
		{"bad language code",
			"-- site.toml --\nlanguages = [\"en\", \"Spanish\"]\n",
			`site.toml:1:1: languages: "Spanish" is not a language code`, ""},
		{"plural without other",
			"-- i18n/es.toml --\nlanguage_name = { one = \"x\" }\n",
			`i18n/es.toml:1:1: [language_name] needs other`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := repoSite(t)
			if name, add, ok := strings.Cut(tc.files, "\n"); strings.HasPrefix(name, "+ ") { // text added to a file
				name = strings.TrimPrefix(name, "+ ")
				site[name] = &fstest.MapFile{Data: append(append([]byte(nil), site[name].Data...), add...)}
			} else if ok {
				site = withFiles(site, tc.files)
			}
			res, _, err := buildMem(t, site)
			switch {
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("error %v, want one with %q", err, tc.err)
			case tc.err == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			}
			if tc.warn != "" {
				var warnings []string
				if res != nil && res.Site != nil {
					warnings = res.Site.Warnings
				}
				if !strings.Contains(strings.Join(warnings, "\n"), tc.warn) {
					t.Errorf("warnings %q, want one with %q", warnings, tc.warn)
				}
			}
		})
	}
}

// TestEnglishOnly: a site with one language shows nothing of the others:
// no /es/ pages, no switch, no alternate links, and the same pages as a
// site that names no languages.
func TestEnglishOnly(t *testing.T) {
	site := repoSite(t)
	toml := strings.Replace(string(site["site.toml"].Data), `languages = ["en", "es"]`, `languages = ["en"]`, 1)
	if toml == string(site["site.toml"].Data) {
		t.Fatal("site.toml has no languages line to change")
	}
	_, one := mustBuild(t, withFiles(site, "-- site.toml --\n"+toml))
	none := strings.Replace(toml, `languages = ["en"]`, ``, 1)
	_, unnamed := mustBuild(t, withFiles(site, "-- site.toml --\n"+none))
	for name, b := range one.files {
		if strings.HasPrefix(name, "es/") {
			t.Fatalf("English-only site has %s", name)
		}
		for _, bad := range []string{"hreflang", "data-lang-switch", "Español", "AYUDA"} {
			if strings.HasSuffix(name, ".html") && strings.Contains(string(b), bad) {
				t.Errorf("%s shows %q", name, bad)
			}
		}
		if string(unnamed.files[name]) != string(b) {
			t.Errorf("%s differs between languages = [\"en\"] and no languages", name)
		}
	}
	if !strings.Contains(string(one.files["index.html"]), `<html lang="en">`) {
		t.Error("no <html lang=\"en\">")
	}
}

// TestOneRowRebuildKeysEachLanguage: a changed center redraws its page in
// every language and leaves the other center pages alone.
func TestOneRowRebuildKeysEachLanguage(t *testing.T) {
	site := repoSite(t)
	dir := t.TempDir()
	publishCounting(t, site, dir)
	csv := string(site["data/centers.csv"].Data)
	rows := strings.SplitAfter(csv, "\n")
	id := strings.SplitN(rows[1], ",", 2)[0]
	fields := strings.SplitN(rows[1], ",", 3)
	rows[1] = fields[0] + "," + fields[1] + " Renamed," + fields[2]
	before := snapshot(t, dir)
	publishCounting(t, withFiles(site, "-- data/centers.csv --\n"+strings.Join(rows, "")), dir)
	after := snapshot(t, dir)
	for _, name := range []string{"centers/" + id + "/index.html", "es/centers/" + id + "/index.html"} {
		if before[name] == after[name] {
			t.Errorf("%s was not redrawn", name)
		}
	}
	changedCenters := 0
	for name := range after {
		if strings.Contains(name, "centers/") && before[name] != after[name] {
			changedCenters++
		}
	}
	if changedCenters > 2*(1+nearbyCount*4) {
		t.Errorf("%d center pages changed for one renamed center", changedCenters)
	}
}
