package importer

import (
	"strings"
	"testing"
)

func TestRestoreZIP(t *testing.T) {
	tests := []struct{ in, want string }{
		{"22902", "22902"},
		{"6708", "06708"},    // Excel dropped the leading zero
		{"97401.0", "97401"}, // Excel wrote it as a float
		{"601", "00601"},     // Puerto Rico
		{"123456789", "12345-6789"},
		{"12345678", "01234-5678"},
		{"12345-6789", "12345-6789"},
		{"ABCDE", "ABCDE"},
		{"", ""},
		{"12", "12"},
	}
	for _, tc := range tests {
		if got, _ := restoreZIP(tc.in); got != tc.want {
			t.Errorf("restoreZIP(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct {
		name, in, want string
		max            int
	}{
		{"words", "Region Ten CSB Charlottesville", "region-ten-csb-charlottesville", 80},
		{"punctuation", "A.B.C. / Recovery -- (North)", "a-b-c-recovery-north", 80},
		{"apostrophe joins", "St. Mary's Center", "st-marys-center", 80},
		{"accents dropped", "Centro Latino Señora de Guadalupe", "centro-latino-senora-de-guadalupe", 80},
		{"cut at a word", "alpha beta gamma", "alpha-beta", 12},
		{"nothing left", "!!!", "", 80},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := slug(tc.in, tc.max)
			if got != tc.want || len(got) > tc.max || (got != "" && !idPattern(got)) {
				t.Errorf("slug(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// idPattern is the CSV's id rule, [a-z0-9]+(-[a-z0-9]+)*.
func idPattern(s string) bool {
	for _, part := range strings.Split(s, "-") {
		if part == "" || strings.Trim(part, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
			return false
		}
	}
	return true
}

func TestNewIDSuffix(t *testing.T) {
	long := strings.Repeat("word ", 30)
	taken := map[string]bool{"a-b": true}
	if got := newID("A", "B", taken); got != "a-b-2" {
		t.Errorf("got %q", got)
	}
	first, second := newID(long, "City", taken), newID(long, "City", taken)
	if len(first) > maxID || len(second) > maxID || first == second || !strings.HasSuffix(second, "-2") {
		t.Errorf("got %q and %q", first, second)
	}
}

func TestStateCode(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Illinois", "IL", true}, {"il", "IL", true}, {"new  york", "NY", true},
		{"District of Columbia", "DC", true}, {"Washington D.C.", "DC", true}, {"U.S. Virgin Islands", "VI", true},
		{"Puerto Rico", "PR", true}, {"ZZ", "ZZ", false}, {"Atlantis", "", false},
	}
	for _, tc := range tests {
		if got, ok := stateCode(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("stateCode(%q) = %q, %v", tc.in, got, ok)
		}
	}
}

func TestTidy(t *testing.T) {
	tests := []struct {
		name     string
		in, want map[string]string
		fix      string
	}{
		{"no website", map[string]string{"website": "http://"}, map[string]string{"website": ""}, fixNoWebsite},
		{"website without scheme", map[string]string{"website": "www.a.org"}, map[string]string{"website": "http://www.a.org"}, fixWebsite},
		{"not a website", map[string]string{"website": "mailto:a@b.org"}, map[string]string{"website": ""}, fixBadSite},
		{"short phone", map[string]string{"phone": "555-0142"}, map[string]string{"phone": ""}, fixPhone},
		{"phone with extension", map[string]string{"phone": "(217) 555-0100 ext. 4"}, map[string]string{"phone": "(217) 555-0100 ext. 4"}, ""},
		{"phone with a leading 1", map[string]string{"phone": "1-800-555-0100"}, map[string]string{"phone": "1-800-555-0100"}, ""},
		{"coordinates out of range", map[string]string{"lat": "138", "lon": "-78"}, map[string]string{"lat": "", "lon": ""}, fixCoords},
		{"state name", map[string]string{"state": "Virginia"}, map[string]string{"state": "VA"}, fixState},
		{"4-digit ZIP", map[string]string{"zip": "2155"}, map[string]string{"zip": "02155"}, fixZIP},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := newReport("test")
			tidy(tc.in, rep)
			for k, v := range tc.want {
				if tc.in[k] != v {
					t.Errorf("%s = %q, want %q", k, tc.in[k], v)
				}
			}
			if tc.fix != "" && rep.Fixes[tc.fix] != 1 || tc.fix == "" && len(rep.Fixes) > 0 {
				t.Errorf("fixes %v, want %q", rep.Fixes, tc.fix)
			}
		})
	}
}

func TestMarkdownEscapes(t *testing.T) {
	rep := newReport("csv")
	rep.Unmapped["<script>alert(1)</script> | *x*"] = 2
	rep.Unmapped["Medicaid"] = 5
	rep.Warnings = []string{"line\nbreak [link](javascript:x)"}
	var b strings.Builder
	rep.WriteMarkdown(&b)
	got := b.String()
	for _, s := range []string{`| &lt;script&gt;alert\(1\)&lt;/script&gt; \| \*x\* | 2 |`, "| Medicaid | 5 |\n| &lt;", `- line break \[link\]\(javascript:x\)`} {
		if !strings.Contains(got, s) {
			t.Errorf("lacks %q:\n%s", s, got)
		}
	}
}
