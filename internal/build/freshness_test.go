package build

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestIsStale(t *testing.T) {
	today := time.Date(2026, 7, 20, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		verified string
		days     int
		want     bool
	}{
		{"missing", "", 365, true},
		{"today", "2026-07-20", 365, false},
		{"exactly the limit", "2025-07-20", 365, false},
		{"one day past", "2025-07-19", 365, true},
		{"short limit", "2026-07-10", 7, true},
		{"in the future", "2027-01-01", 365, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isStale(tt.verified, today, tt.days); got != tt.want {
				t.Errorf("isStale(%q, %d days) = %t, want %t", tt.verified, tt.days, got, tt.want)
			}
		})
	}
}

func TestToday(t *testing.T) {
	late := time.Date(2026, 3, 4, 23, 59, 0, 0, time.FixedZone("x", -5*3600)) // already March 5 in UTC
	c := Config{Now: late}
	if got := c.Today().Format(time.DateOnly); got != "2026-03-05" {
		t.Errorf("Today() = %s, want 2026-03-05", got)
	}
	if (&Config{}).Today().IsZero() {
		t.Error("a zero Now must mean the real date")
	}
}

// freshnessSite has one fresh, one stale and one never-checked center.
func freshnessSite(t *testing.T, settings string) fstest.MapFS {
	return withFiles(repoSite(t), `
-- site.toml --
title = "T"
`+settings+`
-- data/centers.csv --
`+csvHeader+`fresh-example,Fresh Example,1 Main St,Springfield,IL,62701,39.8,-89.6,217-555-0100,,outpatient,,,,2026-07-01
old-example,Old Example,2 Main St,Springfield,IL,62701,39.8,-89.6,217-555-0101,,outpatient,,,,2025-03-15
never-example,Never Example,3 Main St,Chicago,IL,60601,41.8,-87.6,,,outpatient,,,,
`)
}

func buildAt(t *testing.T, fsys fstest.MapFS, day string) (*Result, *memOutput) {
	t.Helper()
	cfg, err := LoadConfig(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	cfg.BaseURL = "https://directory.example.org/"
	cfg.Now, _ = time.Parse(time.DateOnly, day)
	out := newMemOutput()
	res, err := Build(fsys, cfg, out)
	if err != nil {
		t.Fatal(err)
	}
	return res, out
}

func TestStaleText(t *testing.T) {
	res, out := buildAt(t, freshnessSite(t, ""), "2026-07-20")
	if n := res.Site.StaleCount(); n != 2 {
		t.Errorf("StaleCount = %d, want 2", n)
	}
	want := map[string]string{
		"fresh-example": `<p class="checked">Checked <time datetime="2026-07-01">July 1, 2026</time></p>`,
		"old-example":   `<p class="checked stale">Details last checked <time datetime="2025-03-15">March 2025</time>: call to confirm before you go</p>`,
		"never-example": `<p class="checked stale">We have not checked these details: call to confirm before you go</p>`,
	}
	state := string(out.files["states/il/index.html"])
	for id, text := range want {
		if page := string(out.files["centers/"+id+"/index.html"]); !strings.Contains(page, text) {
			t.Errorf("center page %s lacks %s", id, text)
		}
		if !strings.Contains(state, text) {
			t.Errorf("state page card of %s lacks %s", id, text)
		}
	}
	var ids []string
	for _, c := range res.Site.StaleCenters() {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ids, []string{"never-example", "old-example"}) {
		t.Errorf("StaleCenters = %v, want the never-checked first, then the oldest", ids)
	}

	// A year later every center is stale; a longer limit makes the old one fresh.
	if res, _ := buildAt(t, freshnessSite(t, ""), "2027-07-20"); res.Site.StaleCount() != 3 {
		t.Errorf("a year on, StaleCount = %d, want 3", res.Site.StaleCount())
	}
	if res, _ := buildAt(t, freshnessSite(t, "stale_after_days = 730"), "2026-07-20"); res.Site.StaleCount() != 1 {
		t.Errorf("with 730 days, StaleCount = %d, want 1", res.Site.StaleCount())
	}
}

func TestTrustSettings(t *testing.T) {
	tests := []struct {
		name, toml string
		want       string // the error, or the way reports are sent
	}{
		{"default", "", ReportNetlify},
		{"netlify", "[report]\nnetlify = true\n", ReportNetlify},
		{"email", "[report]\nemail = \"fix@example.org\"\n", ReportEmail},
		{"form", "[report]\nform_url = \"https://forms.example.org/x\"\n", ReportForm},
		{"bad email", "[report]\nemail = \"fix at example\"\n", `site.toml:2:1: report email "fix at example" does not look like an address`},
		{"http form", "[report]\n  form_url = \"http://forms.example.org/x\"\n", `site.toml:2:3: report form_url "http://forms.example.org/x" must be an https:// address`},
		{"two ways", "[report]\nnetlify = true\nemail = \"fix@example.org\"\n", "site.toml:1:1: [report] sets more than one way"},
		{"no way", "[report]\nnetlify = false\n", "site.toml:2:1: [report] netlify = false leaves no way"},
		{"zero days", "stale_after_days = 0\n", "site.toml:1:1: stale_after_days must be a number of days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := LoadConfig(fstest.MapFS{"site.toml": {Data: []byte(tt.toml)}}, ".")
			got := cfg.Report.Way()
			if err != nil {
				got = err.Error()
			}
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
