package build

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	csvpkg "encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestExampleSiteLinks builds the repository's example site and follows
// every internal href and src: each must name a file the build wrote.
func TestExampleSiteLinks(t *testing.T) {
	res, out := mustBuild(t, repoSite(t))
	if len(res.Site.Centers) < 300 {
		t.Fatalf("example site has %d centers, want several hundred", len(res.Site.Centers))
	}
	linkRE := regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	checked := 0
	for name, data := range out.files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range linkRE.FindAllSubmatch(data, -1) {
			ref := htmlUnescape(string(m[1]))
			target, internal := internalTarget(ref)
			if !internal {
				continue
			}
			checked++
			if _, ok := out.files[target]; !ok {
				t.Errorf("%s links to %s: no such file %s", name, ref, target)
			}
		}
	}
	if checked < 10000 {
		t.Errorf("followed only %d links", checked)
	}
	for _, want := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "levels/index.html", "levels/iop/index.html", "states/oh/index.html", "states/index.html", "about/index.html"} {
		if _, ok := out.files[want]; !ok {
			t.Errorf("missing %s", want)
		}
	}
}

// internalTarget maps a link to the output file it needs, or reports that
// the link leaves the site.
func internalTarget(ref string) (string, bool) {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false // external, tel:, or a fragment on this page
	}
	p := u.Path
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return strings.TrimPrefix(path.Clean(p), "/"), true
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#34;", `"`, "&#39;", "'").Replace(s)
}

// TestEveryPageKind checks what docs/urls.md promises of each kind of page.
func TestEveryPageKind(t *testing.T) {
	res, out := mustBuild(t, repoSite(t))
	s := res.Site
	c := s.Centers[0]
	center := string(out.files["centers/"+c.ID+"/index.html"])
	for _, want := range []string{
		`<link rel="canonical" href="https://directory.example.org/centers/` + c.ID + `/">`,
		`<meta name="description"`, `<meta property="og:title"`,
		`href="` + string(c.Phone.Tel()) + `"`, `<script type="application/ld+json">`,
		`https://www.google.com/maps/dir/?api=1&amp;destination=`,
		`data-level="` + s.Levels[0].Code + `"`, `Other centers nearby`,
	} {
		if !strings.Contains(center, want) {
			t.Errorf("center page lacks %s", want)
		}
	}
	htmlPages := 0
	for name, data := range out.files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		htmlPages++
		if !bytes.Contains(data, []byte(`href="tel:988"`)) {
			t.Errorf("%s does not show the 988 helpline", name)
		}
	}
	atLeast(t, "HTML pages", htmlPages, len(res.Site.Centers))
	sitemap := string(out.files["sitemap.xml"])
	pages := 0
	for name := range out.files {
		if strings.HasSuffix(name, ".html") && name != "404.html" {
			pages++
			if loc := "<loc>https://directory.example.org/" + strings.TrimSuffix(name, "index.html") + "</loc>"; strings.Count(sitemap, loc) != 1 {
				t.Errorf("sitemap lists %s %d times", name, strings.Count(sitemap, loc))
			}
		}
	}
	if strings.Count(sitemap, "<loc>") != pages {
		t.Errorf("sitemap has %d URLs, site has %d pages", strings.Count(sitemap, "<loc>"), pages)
	}
	atLeast(t, "pages in the sitemap", pages, len(res.Site.Centers))
	if !strings.Contains(string(out.files["robots.txt"]), "Sitemap: https://directory.example.org/sitemap.xml") {
		t.Error("robots.txt does not name the sitemap")
	}
	state := string(out.files["states/"+strings.ToLower(c.State)+"/index.html"])
	if !strings.Contains(state, `<h2 id="h-city-`+c.City+`">`+c.City+`</h2>`) || !strings.Contains(state, c.URL()) {
		t.Errorf("state page does not list %s under %s", c.ID, c.City)
	}
}

// TestNearbyOnCenterPage pins the neighbours: the five nearest by
// distance, the center itself excluded.
func TestNearbyOnCenterPage(t *testing.T) {
	res, _ := mustBuild(t, repoSite(t))
	s := res.Site
	for _, c := range s.Centers[:40] {
		var all []Neighbor
		for _, o := range s.Centers {
			if o != c && o.HasCoords && c.HasCoords {
				all = append(all, Neighbor{o, Miles(c.Lat, c.Lon, o.Lat, o.Lon)})
			}
		}
		sortNeighbors(all)
		want := all[:min(5, len(all))]
		got := s.Nearby[c.index]
		if !slices.EqualFunc(got, want, func(a, b Neighbor) bool { return a.Center == b.Center }) {
			t.Errorf("%s: nearby = %v, want %v", c.ID, ids(got), ids(want))
		}
	}
}

func ids(ns []Neighbor) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

// TestEscaping puts markup and quotes in every text field: they must come
// out as text in HTML, in attributes and in JSON-LD.
func TestEscaping(t *testing.T) {
	const name = `<script>alert(1)</script> & "Q"`
	const city = `<img src=x onerror=alert(2)>`
	fsys := withFiles(repoSite(t), `
-- data/centers.csv --
id,name,street,city,state,zip,lat,lon,phone,website,levels,payment,medications,source,verified
evil,"<script>alert(1)</script> & ""Q""",<b>1 Main</b>,<img src=x onerror=alert(2)>,OH,43215,39.96,-82.99,,"https://x.example.org/?a=""><script>",iop,,,<i>Klingon</i>,
good,Example Good,,Columbus,OH,43215,39.97,-82.98,,,iop,,,,
`)
	_, out := mustBuild(t, fsys)
	atLeast(t, "files", len(out.files), 10)
	for name, data := range out.files {
		s := string(data)
		for _, bad := range []string{"<script>alert", "<img src=x", "<b>1 Main", "<i>Klingon", `"><script>`} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains raw %q", name, bad)
			}
		}
	}
	page := string(out.files["centers/evil/index.html"])
	if !strings.Contains(page, "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Q&#34;</h1>") {
		t.Error("name is not shown as text in the heading")
	}
	if !strings.Contains(page, `<meta property="og:title" content="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Q&#34;, &lt;img src=x onerror=alert(2)&gt;, OH">`) {
		t.Error("name is not escaped in an attribute")
	}
	ld := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(page)
	if ld == nil {
		t.Fatal("no JSON-LD")
	}
	var doc struct {
		Name    string `json:"name"`
		Address struct {
			Locality string `json:"addressLocality"`
		} `json:"address"`
	}
	if err := json.Unmarshal([]byte(ld[1]), &doc); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, ld[1])
	}
	if doc.Name != name || doc.Address.Locality != city {
		t.Errorf("JSON-LD name %q city %q: the data did not round-trip", doc.Name, doc.Address.Locality)
	}
	checkJSONFilesHold(t, out, name)
}

// checkJSONFilesHold checks that every JSON file the build wrote parses,
// escapes <, and that the search index holds the name intact, as a string
// value of its own.
func checkJSONFilesHold(t *testing.T, out *memOutput, name string) {
	t.Helper()
	jsonFiles, holding := 0, 0
	for file, data := range out.files {
		if !strings.HasSuffix(file, ".json") {
			continue
		}
		jsonFiles++
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Errorf("%s is not JSON: %v", file, err)
		}
		if bytes.Contains(data, []byte("<script>")) {
			t.Errorf("%s holds a raw <script>: JSON should escape <", file)
		}
		if holdsString(v, name) {
			holding++
		}
	}
	atLeast(t, "JSON files", jsonFiles, 3)
	if holding == 0 {
		t.Errorf("no JSON file holds %q as a string: the search cannot show the name", name)
	}
}

// holdsString reports whether v, decoded JSON, has s as one of its strings.
func holdsString(v any, s string) bool {
	switch v := v.(type) {
	case string:
		return v == s
	case []any:
		return slices.ContainsFunc(v, func(e any) bool { return holdsString(e, s) })
	case map[string]any:
		for _, e := range v {
			if holdsString(e, s) {
				return true
			}
		}
	}
	return false
}

// TestDeterministic builds twice and compares every byte.
func TestDeterministic(t *testing.T) {
	_, a := mustBuild(t, repoSite(t))
	_, b := mustBuild(t, repoSite(t))
	if len(a.files) != len(b.files) {
		t.Fatalf("%d files, then %d", len(a.files), len(b.files))
	}
	atLeast(t, "files", len(a.files), 400)
	for name, data := range a.files {
		if !bytes.Equal(data, b.files[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestFailedBuildLeavesOutput builds into a folder, then builds again with
// bad data: the folder must be byte-identical to what the first build left.
func TestFailedBuildLeavesOutput(t *testing.T) {
	dir := t.TempDir()
	good := repoSite(t)
	publish(t, good, dir)
	before := snapshot(t, dir)

	bad := withFiles(good, "-- data/centers.csv --\n"+csvHeader+"a1,Example,,Columbus,OH,43215,,,,,iopp,,,,\n")
	cfg, _ := LoadConfig(bad, ".")
	cfg.ResolveBaseURL("", "")
	if _, _, err := Publish(bad, cfg, dir); err == nil {
		t.Fatal("bad data built")
	}
	after := snapshot(t, dir)
	if !maps.Equal(before, after) {
		t.Fatal("a failed build changed the output folder")
	}
}

// publish builds fsys into dir the way gen does.
func publish(t *testing.T, fsys fs.FS, dir string) WriteStats {
	t.Helper()
	cfg, err := LoadConfig(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	cfg.ResolveBaseURL("", "")
	_, stats, err := Publish(fsys, cfg, dir)
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

// snapshot records every file under dir with its bytes and modification time.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = fmt.Sprintf("%x %d", sha256.Sum256(b), fi.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	atLeast(t, "files under "+dir, len(files), 1) // an empty snapshot equals any other
	return files
}

// TestRebuildWritesOnlyChanges rebuilds after one row changed: untouched
// files keep their bytes and times, a removed center's page goes away.
func TestRebuildWritesOnlyChanges(t *testing.T) {
	dir := t.TempDir()
	site := repoSite(t)
	first := publish(t, site, dir)
	if first.Written == 0 || first.Unchanged != 0 {
		t.Fatalf("first build: %+v", first)
	}
	again := publish(t, site, dir)
	if again.Written != 0 || again.Removed != 0 || again.Unchanged != first.Written {
		t.Fatalf("second build of the same site: %+v", again)
	}
	csv := string(site["data/centers.csv"].Data)
	rows := strings.SplitAfter(csv, "\n")
	gone := strings.SplitN(rows[len(rows)-2], ",", 2)[0]
	site = withFiles(site, "-- data/centers.csv --\n"+strings.Join(rows[:len(rows)-2], ""))
	before := snapshot(t, dir)
	third := publish(t, site, dir)
	after := snapshot(t, dir)
	var removed []string
	for name := range before {
		if _, ok := after[name]; !ok {
			removed = append(removed, name)
		}
	}
	// The search index files are named by their content: a changed one
	// is a new file, and the old one goes.
	// The example site has two languages since issue 16: the center's
	// page goes in each.
	for _, name := range removed {
		if strings.TrimPrefix(name, "es/") != "centers/"+gone+"/index.html" && !strings.HasPrefix(name, "search/") {
			t.Errorf("removed %s, which the change does not touch", name)
		}
	}
	if !slices.Contains(removed, "centers/"+gone+"/index.html") || third.Removed != len(removed) {
		t.Errorf("removed %v, build says %d; want the page of %s among them", removed, third.Removed, gone)
	}
	if _, err := os.Stat(filepath.Join(dir, "centers", gone)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("folder of removed center %s is still there", gone)
	}
	changed := 0
	for name, v := range after {
		if before[name] != v {
			changed++
		}
	}
	if changed != third.Written+1 || third.Written > 50 { // +1: the manifest; 25 pages a language
		t.Errorf("%d files changed on disk, build says %d written (%+v)", changed, third.Written, third)
	}
}

// publishedRepoSite publishes the repository's site into a new folder, for
// a test to rebuild over it.
func publishedRepoSite(t *testing.T) (site fstest.MapFS, res *Result, dir string) {
	dir = t.TempDir()
	site = repoSite(t)
	res, _ = mustBuild(t, site)
	publish(t, site, dir)
	return site, res, dir
}

// TestRebuildShowsEdits renames one center and rebuilds over the last
// build: every page that shows the name (its own, its state's, its
// neighbours') must show the new one, though unchanged pages are skipped.
func TestRebuildShowsEdits(t *testing.T) {
	site, res, dir := publishedRepoSite(t)
	c := res.Site.Centers[10]
	var watch []string
	for _, o := range res.Site.Centers {
		for _, n := range res.Site.Nearby[o.index] {
			if n.Center.ID == c.ID {
				watch = append(watch, "centers/"+o.ID+"/index.html")
			}
		}
	}
	watch = append(watch, "centers/"+c.ID+"/index.html", "states/"+strings.ToLower(c.State)+"/index.html")
	csv := strings.Replace(string(site["data/centers.csv"].Data), ","+c.Name+",", ",Renamed Example Place,", 1)
	stats := publish(t, withFiles(site, "-- data/centers.csv --\n"+csv), dir)
	for _, name := range watch {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Contains(b, []byte("Renamed Example Place")) {
			t.Errorf("%s does not show the new name (%v)", name, err)
		}
	}
	if stats.Written > 25 || stats.Written < len(watch) {
		t.Errorf("wrote %d files for %d pages that show the name", stats.Written, len(watch))
	}
}

// TestRebuildShowsNewTitle: a center's title depends on the other centers
// (a namesake in the same city adds the street), so adding a namesake must
// redraw the first center's page, though its own row did not change.
func TestRebuildShowsNewTitle(t *testing.T) {
	site, res, dir := publishedRepoSite(t)
	c := res.Site.Centers[10]
	csv := string(site["data/centers.csv"].Data)
	row := strings.SplitAfter(csv, "\n")[c.Line-1]
	if !strings.HasPrefix(row, c.ID+",") {
		t.Fatalf("line %d is not the row of %s: %q", c.Line, c.ID, row)
	}
	// A new id with the same name, street and city, and no coordinates, so
	// that it is nobody's neighbour: only the title links the two pages.
	fields, err := csvpkg.NewReader(strings.NewReader(row)).Read()
	if err != nil {
		t.Fatal(err)
	}
	header, _ := csvpkg.NewReader(strings.NewReader(csv)).Read()
	for i, h := range header {
		switch h {
		case "id":
			fields[i] = "twin-" + fields[i]
		case "lat", "lon":
			fields[i] = ""
		}
	}
	var twin bytes.Buffer
	w := csvpkg.NewWriter(&twin)
	w.Write(fields)
	w.Flush()
	publish(t, withFiles(site, "-- data/centers.csv --\n"+csv+twin.String()), dir)
	b, err := os.ReadFile(filepath.Join(dir, "centers", c.ID, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	title := template.HTMLEscapeString(cmp.Or(c.Street, c.ZIP))
	if !bytes.Contains(b, []byte("<title>"+template.HTMLEscapeString(c.Name)+", "+title)) {
		t.Errorf("the page of %s does not show its street in its title now that it has a namesake", c.ID)
	}
}

// TestPhoneLinks: the call link of a center page and of its state page
// dials the number, with its extension.
func TestPhoneLinks(t *testing.T) {
	site := withFiles(repoSite(t), `-- data/centers.csv --
id,name,city,state,zip,lat,lon,phone,levels
with-ext,Oak Center,Salem,OR,97301,44.94,-123.03,(503) 555-0100 ext. 42,op
plain,Ash Center,Salem,OR,97301,44.95,-123.04,503.555.0101,op
`)
	_, out := mustBuild(t, site)
	for page, want := range map[string]string{
		"centers/with-ext/index.html": `href="tel:+15035550100;ext=42"`,
		"centers/plain/index.html":    `href="tel:+15035550101"`,
		"states/or/index.html":        `href="tel:+15035550100;ext=42"`,
	} {
		if !bytes.Contains(out.files[page], []byte(want)) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
}

// TestSubfolderLinks builds for a base URL with a path: every internal
// link, those written in Markdown included, must start with that path and
// name a file the build wrote.
func TestSubfolderLinks(t *testing.T) {
	fsys := repoSite(t)
	cfg, err := LoadConfig(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveBaseURL("https://example.org/directory/", ""); err != nil {
		t.Fatal(err)
	}
	out := newMemOutput()
	if _, err := Build(fsys, cfg, out); err != nil {
		t.Fatal(err)
	}
	linkRE := regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)
	links := 0
	for name, data := range out.files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range linkRE.FindAllSubmatch(data, -1) {
			links++
			ref := htmlUnescape(string(m[1]))
			rest, ok := strings.CutPrefix(ref, "/directory/")
			if !ok {
				t.Errorf("%s links to %s, outside /directory/", name, ref)
				continue
			}
			if target, _ := internalTarget("/" + rest); out.files[target] == nil {
				t.Errorf("%s links to %s: no such file", name, ref)
			}
		}
	}
	atLeast(t, "links", links, 5000)
}
