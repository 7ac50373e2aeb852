// Package searchtest holds the browser tests of the search page: each opens
// search URLs in headless Chromium and compares what the page lists with
// the same search run by the Go reference, build.Site.Search.
package searchtest

import (
	"bytes"
	"context"
	stdcsv "encoding/csv"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"treatmentdir/internal/browsertest"
	"treatmentdir/internal/build"
	"treatmentdir/internal/synth"
)

// root is the site folder: the tests build the real content, layouts and
// static files, with a generated centers CSV.
const root = "../.."

// extraRows are centers the generated data lacks: accents, a tie in
// distance broken by name regardless of case, and a center without
// coordinates in a city that has others. Columns not named are empty.
var extraRows = []map[string]string{
	{"id": "clinica-example-saude-mayaguez", "name": "Clínica Example Saúde", "street": "1 Calle Example", "city": "Mayagüez",
		"state": "PR", "zip": "00680", "lat": "18.20111", "lon": "-67.13972", "phone": "(787) 555-0101",
		"levels": "outpatient;iop", "payment": "medicaid", "medications": "buprenorphine", "languages": "Spanish"},
	{"id": "twin-example-b-columbus", "name": "Twin Example B", "street": "1 Example Street", "city": "Columbus",
		"state": "OH", "zip": "43215", "lat": "39.96", "lon": "-83", "phone": "(614) 555-0102",
		"levels": "iop", "payment": "medicaid", "languages": "English", "accreditation": "jc"},
	{"id": "twin-example-a-columbus", "name": "twin example a", "street": "2 Example Street", "city": "Columbus",
		"state": "OH", "zip": "43215", "lat": "39.96", "lon": "-83", "phone": "(614) 555-0104 x12",
		"levels": "detox;iop", "payment": "private", "languages": "English", "accreditation": "carf;jc"},
	{"id": "example-no-coordinates-columbus", "name": "Example No Coordinates Center", "city": "Columbus",
		"state": "OH", "zip": "43215", "phone": "(614) 555-0103", "levels": "outpatient", "payment": "self-pay",
		"languages": "English"},
}

// accreditationFacet is a facet the code has never seen, for the site of
// TestNewFacetSearchMatchesGo.
const accreditationFacet = `
[accreditation]
param = "acc"
title = "Accreditation"

[accreditation.jc]
label = "The Joint Commission"
about = "A national body that reviews health care quality."

[accreditation.carf]
label = "CARF"
about = "The Commission on Accreditation of Rehabilitation Facilities."

[accreditation.state]
label = "State licensed"
about = "Licensed by the state's health department."
`

// overlayFS is the site folder with some files replaced.
type overlayFS struct {
	base  fs.FS
	files fstest.MapFS
}

// Open opens a replaced file, or the site folder's.
func (o overlayFS) Open(name string) (fs.File, error) {
	if _, ok := o.files[name]; ok {
		return o.files.Open(name)
	}
	return o.base.Open(name)
}

// testSite is a site built to a folder, with its model for the reference search.
type testSite struct {
	dir  string
	site *build.Site
}

// buildSite builds the site with n generated centers plus extraRows, for a
// base URL whose path is base ("/" or "/sub/").
func buildSite(t testing.TB, n int, base string) *testSite {
	t.Helper()
	return buildSiteWith(t, n, base, "")
}

// buildSiteWith builds the site with facets added to content/facets.toml.
func buildSiteWith(t testing.TB, n int, base, facets string) *testSite {
	t.Helper()
	var fsys fs.FS = os.DirFS(root)
	if facets != "" {
		toml, err := fs.ReadFile(fsys, "content/facets.toml")
		if err != nil {
			t.Fatal(err)
		}
		fsys = overlayFS{fsys, fstest.MapFS{"content/facets.toml": {Data: append(toml, facets...)}}}
	}
	v, err := build.LoadVocabulary(fsys)
	if err != nil {
		t.Fatal(err)
	}
	opts := synth.Options{N: n, Seed: 11, Example: true, Columns: v.Columns()}
	for _, f := range v.Facets() {
		sf := synth.Facet{Column: f.Column}
		for _, o := range f.Options {
			sf.Codes = append(sf.Codes, o.Code)
		}
		opts.Facets = append(opts.Facets, sf)
	}
	zf, err := os.Open(filepath.Join(root, "data/zips.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer zf.Close()
	opts.ZIPs, err = synth.ReadZIPs(zf)
	if err != nil {
		t.Fatal(err)
	}
	var csv bytes.Buffer
	if err := synth.Write(&csv, opts); err != nil {
		t.Fatal(err)
	}
	w := stdcsv.NewWriter(&csv)
	for _, r := range extraRows {
		rec := make([]string, len(opts.Columns))
		for i, c := range opts.Columns {
			rec[i] = r[c]
		}
		w.Write(rec)
	}
	w.Flush()
	cfg, err := build.LoadConfig(fsys, root)
	if err != nil {
		t.Fatal(err)
	}
	cfg.BaseURL = "http://127.0.0.1" + base
	cfg.DataFS = fstest.MapFS{"centers.csv": {Data: csv.Bytes()}}
	cfg.Data.Centers, cfg.DataName = "centers.csv", "centers.csv"
	dir := t.TempDir()
	res, _, err := build.Publish(fsys, cfg, dir)
	if err != nil {
		t.Fatalf("building the test site: %v", err)
	}
	return &testSite{dir: dir, site: res.Site}
}

// shown is what the page shows for a search.
type shown struct {
	IDs    []string          `json:"ids"`
	Count  string            `json:"count"`
	Counts map[string]string `json:"counts"`
	Status string            `json:"status"`
	Search string            `json:"search"`
}

// readPage waits until the page has shown the results of the search in its
// URL, opens every "Show more", and reads the results.
func readPage(t *testing.T, ctx context.Context) shown {
	t.Helper()
	waitResults(t, ctx)
	const js = `(() => {
		const more = document.querySelector('#results ~ button.more');
		for (let i = 0; more && !more.hidden && i < 2000; i++) more.click();
		const counts = {};
		for (const s of document.querySelectorAll('[data-count-for]')) counts[s.dataset.countFor] = s.textContent;
		return {
			ids: [...document.querySelectorAll('#results > li')].map((li) => li.dataset.centerId),
			count: document.getElementById('result-count').textContent,
			counts, status: document.getElementById('status').textContent.trim(),
			search: location.search,
		};
	})()`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[shown](js))
	if err != nil {
		t.Fatalf("reading the results: %v", err)
	}
	return got
}

// waitResults waits until the results list shows the search in the URL.
func waitResults(t *testing.T, ctx context.Context) {
	t.Helper()
	const done = `(() => { const r = document.getElementById('results');
		return r.getAttribute('aria-busy') === 'false' && r.dataset.query === location.search.slice(1); })()`
	if err := waitFor(ctx, done, 15*time.Second); err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search + ' | ' + document.getElementById('status').textContent`))
		t.Fatalf("waiting for results: %v (page: %s)", err, status)
	}
}

// waitURL waits until the page's query string satisfies the JavaScript
// predicate on s, then for the results.
func waitURL(t *testing.T, ctx context.Context, predicate string) {
	t.Helper()
	expr := fmt.Sprintf(`((s) => %s)(decodeURIComponent(location.search))`, predicate)
	if err := waitFor(ctx, expr, 10*time.Second); err != nil {
		search, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
		t.Fatalf("waiting for the URL to satisfy %s: %v (URL query: %s)", predicate, err, search)
	}
	waitResults(t, ctx)
}

// waitFor evaluates a JavaScript condition until it holds. An evaluation
// that fails, as one does while a new page replaces the old, is retried.
func waitFor(ctx context.Context, cond string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("%s still false after %v", cond, timeout)
			}
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// expected is the reference search of a URL query.
func (s *testSite) expected(t *testing.T, rawQuery string) shown {
	t.Helper()
	v, err := url.ParseQuery(strings.TrimPrefix(rawQuery, "?"))
	if err != nil {
		t.Fatal(err)
	}
	q := s.site.ParseQuery(v)
	want := shown{Counts: map[string]string{}}
	for _, h := range s.site.Search(q) {
		want.IDs = append(want.IDs, h.ID)
	}
	want.Count = strconv.Itoa(len(want.IDs))
	if q.Empty() { // the prompt: the size of the directory, no list
		want.IDs = nil
	}
	for f, byCode := range s.site.FacetCounts(q) {
		for code, n := range byCode {
			want.Counts[f+"-"+code] = "(" + strconv.Itoa(n) + ")"
		}
	}
	return want
}

// compare checks the page against the reference for its current URL.
func (s *testSite) compare(t *testing.T, got shown) {
	t.Helper()
	want := s.expected(t, got.Search)
	if c := got.Count; c != want.Count {
		t.Errorf("%s: #result-count is %s, want %s (status: %s)", got.Search, got.Count, want.Count, got.Status)
	}
	if !slices.Equal(got.IDs, want.IDs) {
		t.Errorf("%s: results differ from the Go search:\n got %d: %v\nwant %d: %v", got.Search, len(got.IDs), head(got.IDs), len(want.IDs), head(want.IDs))
	}
	for k, w := range want.Counts {
		if g := got.Counts[k]; g != w {
			t.Errorf("%s: count of %s is %q, want %q", got.Search, k, got.Counts[k], w)
		}
	}
	if len(want.Counts) == 0 {
		for k, g := range got.Counts {
			if g != "" {
				t.Errorf("%s: count of %s is %q, want none", got.Search, k, g)
			}
		}
	}
}

func head(ids []string) []string {
	if len(ids) > 12 {
		return append(ids[:12:12], "…")
	}
	return ids
}

func open(t *testing.T, ctx context.Context, u string) shown {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("opening %s: %v", u, err)
	}
	got := readPage(t, ctx)
	if want, _ := url.Parse(u); got.Search != strings.TrimSuffix("?"+want.RawQuery, "?") {
		t.Fatalf("opened %s, but the page shows the search %q", u, got.Search)
	}
	return got
}

// queries are the searches compared with the Go reference: each parameter
// alone, combinations, and values the page must handle in plain words.
var queries = []string{
	"",
	"near=43215",
	"near=43215&radius=10",
	"near=43215&radius=50&level=iop",
	"near=43215&level=iop,detox&pay=medicaid",
	"near=43215&radius=5",
	"near=80202&radius=100&med=buprenorphine,methadone",
	"near=85004&radius=250",
	"near=39.96,-83&radius=5",
	"near=39.96000,%20-83.00000&radius=5",
	"near=00680&radius=25",
	"near=43215-1234&radius=25",
	"near=43215&radius=30",
	"near=43215&level=iop&level=detox",
	"near=43215&level=IOP,foo",
	"near=43215&radius=abc",
	"near=43215&q=twin",
	"q=example",
	"q=saude",
	"q=MAYAGUEZ",
	"q=twin%20example",
	"q=Example%20Columbus",
	"level=detox",
	"pay=free,military&med=naltrexone",
	"level=php&q=columbus",
	"radius=50&level=aftercare",
	"near=00000",
	"near=99999",
	"near=abc",
	"near=95,0",
}

// TestSearchMatchesGo opens every URL of queries, on the English page and
// on the Spanish one (one search index serves both), and compares the
// ordered results, the result count and the facet counts with the Go search.
func TestSearchMatchesGo(t *testing.T) {
	s := buildSite(t, 800, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	for _, lang := range []string{"", "/es"} {
		for _, q := range queries {
			got := open(t, ctx, base+lang+"/?"+q)
			s.compare(t, got)
			if t.Failed() {
				t.Fatalf("on the page at %s/", lang)
			}
		}
	}
}

// newFacetQueries mix a facet the code has never seen with ZIP, level and
// payment.
var newFacetQueries = []string{
	"acc=jc",
	"acc=jc,carf",
	"near=43215&acc=carf",
	"near=43215&radius=50&level=iop&acc=jc",
	"near=43215&level=iop,detox&pay=medicaid&acc=jc,state",
	"pay=private&acc=carf&q=twin",
	"near=43215&acc=nope",
	"near=80202&radius=100&acc=state&prog=veterans&lang=spanish",
	"age=teens&gender=women&svc=telehealth,asl",
}

// TestNewFacetSearchMatchesGo adds a facet to content/facets.toml alone
// and compares the browser's search with the Go search.
func TestNewFacetSearchMatchesGo(t *testing.T) {
	s := buildSiteWith(t, 600, "/", accreditationFacet)
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	for _, q := range newFacetQueries {
		got := open(t, ctx, base+"/?"+q)
		s.compare(t, got)
		if _, ok := got.Counts["acc-jc"]; !ok {
			t.Fatalf("%s: the form has no count for acc=jc", q)
		}
		if t.Failed() {
			return
		}
	}
}
