package build

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestContentErrors(t *testing.T) {
	tests := []struct {
		name  string
		files string
		want  string
	}{
		{"front matter TOML error names its line", "-- content/about.md --\n+++\ntitle = \"About\"\nweight = = 2\n+++\nText\n", "content/about.md:3:"},
		{"front matter not closed", "-- content/about.md --\n+++\ntitle = \"About\"\nText\n", "content/about.md:1:1: front matter is not closed"},
		{"no front matter", "-- content/about.md --\n# About\n", "content/about.md:1:1: a content file must start with TOML front matter"},
		{"page without title", "-- content/about.md --\n+++\ndescription = \"x\"\n+++\n", "content/about.md:2:1: front matter has no title"},
		{"level without weight", "-- content/levels/iop.md --\n+++\ntitle = \"IOP\"\n+++\n", "content/levels/iop.md:2:1: front matter needs weight"},
		{"step_down to an unknown level", "-- content/levels/iop.md --\n+++\ntitle = \"IOP\"\nweight = 4\nstep_down = \"outpatent\"\n+++\n", `content/levels/iop.md: step_down "outpatent" is not a level (did you mean "outpatient"?)`},
		{"synonym used by two levels", "-- content/levels/iop.md --\n+++\ntitle = \"IOP\"\nweight = 4\nsynonyms = [\"Outpatient\"]\n+++\n", `synonym "Outpatient" is already used by level "outpatient"`},
		// Any table is a facet now; these are the mistakes it can have.
		{"facet without options", "-- content/facets.toml --\n[insurance]\ntitle = \"Insurance\"\n", "content/facets.toml:1:1: facet [insurance] has no options"},
		{"reserved param", "-- content/facets.toml --\n[insurance]\nparam = \"near\"\n[insurance.x]\nlabel = \"X\"\n", `content/facets.toml:1:1: [insurance] param "near" is reserved`},
		{"param taken", "-- content/facets.toml --\n[a]\nparam = \"p\"\n[a.x]\nlabel = \"X\"\n[b]\nparam = \"p\"\n[b.y]\nlabel = \"Y\"\n", `content/facets.toml:5:1: [b] param "p" is already the param of [a]`},
		{"option without label", "-- content/facets.toml --\n[a]\n[a.x]\nabout = \"X\"\n", "content/facets.toml:2:1: [a.x] needs a label"},
		{"facet named after a fixed column", "-- content/facets.toml --\n[city]\nparam = \"c\"\n[city.x]\nlabel = \"X\"\n", "facet [city] has the name of a fixed CSV column"},
		{"facets TOML error names its line", "-- content/facets.toml --\n[payment.free]\nlabel = \"Free\"\nabout = \n", "content/facets.toml:3:"},
		{"a page on a generated URL", "-- content/centers/x.md --\n+++\ntitle = \"X\"\n+++\n", "content/centers/x.md: URL /centers/x/ is taken"},
		{"missing home page", "-- content/_index.md --\nDELETE\n", "content/_index.md: missing"},
		{"site.toml error names its line", "-- site.toml --\ntitle = \"x\"\n\nbase_url = 3\n", "site.toml:3:"},
		{"layout parse error names file and line", "-- layouts/page.html --\n{{ define \"main\" }}\n{{ if }}\n{{ end }}\n", "layouts/page.html:2:"},
		{"layout execution error names file and line", "-- layouts/page.html --\n{{ define \"main\" }}\n<p>{{ .Nope }}</p>\n{{ end }}\n", "layouts/page.html:2:"},
		{"missing layout says what it looked for", "-- layouts/page.html --\nDELETE\n", "layouts: no layout found: looked for"},
		{"unknown asset", "-- layouts/page.html --\n{{ define \"main\" }}<link href=\"{{ asset \"nope.css\" }}\">{{ end }}\n", `asset "nope.css" not found in static/`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := buildMem(t, withFiles(repoSite(t), tt.files))
			if err == nil {
				t.Fatal("built without error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

// TestGuideMarkdown pins that the guide's Markdown renders as HTML:
// headings with ids, a table, links.
func TestGuideMarkdown(t *testing.T) {
	_, out := mustBuild(t, repoSite(t))
	guide := string(out.files["levels/index.html"])
	for _, re := range []string{`<h2 id="[a-z-]+">`, `<table>`, `<th>`, `<a href="/levels/iop/">`} {
		if !regexp.MustCompile(re).MatchString(guide) {
			t.Errorf("guide has no %s", re)
		}
	}
}

// TestAddedLevelAppearsEverywhere adds a level by adding one file: it must
// show in the filter, the ladders, the guide, the center pages and the CSV
// validation, synonyms included.
func TestAddedLevelAppearsEverywhere(t *testing.T) {
	fsys := withFiles(repoSite(t), `
-- content/levels/sober-living.md --
+++
title = "Sober living"
weight = 7
short = "A shared, alcohol- and drug-free home."
setting = "Lives in a recovery residence"
hours = "Ongoing"
synonyms = ["Recovery residence", "Sober house"]
+++
A home shared with others in recovery.
-- data/centers.csv --
id,name,city,state,zip,lat,lon,levels
home-a,Example Sober Home,Columbus,OH,43215,39.96,-82.99,sober house;outpatient
clinic-b,Example Clinic,Columbus,OH,43215,39.97,-82.98,iop
`)
	res, out := mustBuild(t, fsys)
	home := string(out.files["index.html"])
	if !strings.Contains(home, `<input type="checkbox" id="level-sober-living" name="level" value="sober-living">`) {
		t.Error("the filter has no checkbox for the new level")
	}
	for _, page := range []string{"index.html", "levels/index.html", "centers/home-a/index.html", "levels/sober-living/index.html"} {
		if !strings.Contains(string(out.files[page]), `data-level="sober-living"`) {
			t.Errorf("%s: the ladder has no step for the new level", page)
		}
	}
	level := string(out.files["levels/sober-living/index.html"])
	if !strings.Contains(level, `<a href="/states/oh/">Ohio</a>: 1 center`) {
		t.Error("the level page does not count its centers by state")
	}
	outpatient := string(out.files["levels/outpatient/index.html"])
	for _, want := range []string{`One step up: <a href="/levels/iop/">`, `One step down: <a href="/levels/aftercare/">`} {
		if !strings.Contains(outpatient, want) {
			t.Errorf("outpatient page does not compare with its neighbours: no %s", want)
		}
	}
	if got := levelCodesOf(res.Site.Centers[1]); got != "outpatient,sober-living" {
		t.Errorf("home-a levels = %s", got)
	}
	_, _, err := buildMem(t, withFiles(fsys, "-- data/centers.csv --\nid,name,city,state,zip,levels\nx,Example,Columbus,OH,43215,sober livin\n"))
	var errs Errors
	if !errors.As(err, &errs) || !strings.Contains(err.Error(), `unknown level "sober livin" (did you mean "sober-living"?)`) {
		t.Errorf("validation does not know the new level: %v", err)
	}
}

// TestLadderMarksOfferedLevels checks that a center page's ladder marks
// exactly the levels that center offers.
func TestLadderMarksOfferedLevels(t *testing.T) {
	res, out := mustBuild(t, repoSite(t))
	stepRE := regexp.MustCompile(`<li class="step" data-level="([a-z0-9-]+)"( data-offered)?>`)
	for _, c := range res.Site.Centers {
		page := out.files["centers/"+c.ID+"/index.html"]
		steps := stepRE.FindAllSubmatch(page, -1)
		if len(steps) != len(res.Site.Levels) {
			t.Fatalf("%s: ladder has %d steps, want %d", c.ID, len(steps), len(res.Site.Levels))
		}
		var offered []string
		for _, m := range steps {
			if len(m[2]) > 0 {
				offered = append(offered, string(m[1]))
			}
		}
		if got, want := strings.Join(offered, ","), levelCodesOf(c); got != want {
			t.Errorf("%s: ladder marks %s, center offers %s", c.ID, got, want)
		}
	}
}
