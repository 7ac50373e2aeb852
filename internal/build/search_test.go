package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"treatmentdir/internal/synth"
)

// siteFS is the real content/ of the site with the given data files, so
// that a test runs against the levels and facets the site ships.
func siteFS(t testing.TB, files map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../.."), "content", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(os.DirFS("../.."), name)
		m[name] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

const testHeader = "id,name,city,state,zip,lat,lon,levels,payment,medications\n"

// searchCSV has two centers at one point (a tie broken by name, whatever
// the case), accents, and a center without coordinates, which the site
// places at its ZIP code's centroid (43215's, the point of near=43215).
const searchCSV = testHeader + `b-columbus,Twin B,Columbus,OH,43215,39.96,-83,iop,medicaid,
a-columbus,twin a,Columbus,OH,43215,39.96,-83,detox;iop,private,methadone
far-dayton,Dayton Example,Dayton,OH,45402,39.76,-84.19,outpatient,medicaid;private,
saude-mayaguez,Clínica Saúde,Mayagüez,PR,00680,18.2,-67.14,iop,medicaid,buprenorphine
nocoords-columbus,No Coordinates,Columbus,OH,43215,,,iop;outpatient,self-pay,
`

const searchZIPs = "zip,lat,lon\n43215,39.96686,-83.01296\n45402,39.75,-84.2\n00680,18.18349,-67.13305\n"

func loadSearchSite(t testing.TB) *Site {
	t.Helper()
	cfg := DefaultConfig()
	cfg.BaseURL = "http://localhost/"
	s, err := Load(siteFS(t, map[string]string{"data/centers.csv": searchCSV, "data/zips.csv": searchZIPs}), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func hitIDs(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

func TestParseQuery(t *testing.T) {
	s := loadSearchSite(t)
	tests := []struct {
		name     string
		query    string
		point    LatLon
		radius   float64
		failed   bool
		selected map[string][]string
		words    []string
		problems int
	}{
		{name: "zip", query: "near=43215", point: LatLon{39.96686, -83.01296}, radius: 25},
		{name: "zip plus four", query: "near=%2043215-1234%20&radius=10", point: LatLon{39.96686, -83.01296}, radius: 10},
		{name: "lat,lon with spaces", query: "near=39.5%20,%20-83&radius=2.5", point: LatLon{39.5, -83}, radius: 2.5},
		{name: "unknown zip", query: "near=99999", radius: 25, failed: true, problems: 1},
		{name: "neither zip nor point", query: "near=Columbus", radius: 25, failed: true, problems: 1},
		{name: "latitude out of range", query: "near=91,0", radius: 25, failed: true, problems: 1},
		{name: "bad radius", query: "near=43215&radius=-5", point: LatLon{39.96686, -83.01296}, radius: 25, problems: 1},
		{name: "radius too large", query: "near=43215&radius=501", point: LatLon{39.96686, -83.01296}, radius: 25, problems: 1},
		{name: "radius without near is ignored", query: "radius=abc", radius: 25},
		{name: "codes split, repeated, any case, in form order", query: "level=IOP,%20detox&level=iop&pay=private",
			radius: 25, selected: map[string][]string{"level": {"detox", "iop"}, "pay": {"private"}}},
		{name: "unknown code", query: "med=methadone,heroin", radius: 25, selected: map[string][]string{"med": {"methadone"}}, problems: 1},
		{name: "words folded", query: "q=%20Clínica%20%20SAÚDE%20", radius: 25, words: []string{"clinica", "saude"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			q := s.ParseQuery(v)
			if q.Point != tt.point || q.Radius != tt.radius || q.Failed != tt.failed || len(q.Problems) != tt.problems {
				t.Errorf("got point %v radius %v failed %v problems %q", q.Point, q.Radius, q.Failed, q.Problems)
			}
			for _, f := range s.Params() {
				if !slices.Equal(q.Selected[f], tt.selected[f]) {
					t.Errorf("%s: got %v, want %v", f, q.Selected[f], tt.selected[f])
				}
			}
			if !slices.Equal(q.Words, tt.words) {
				t.Errorf("words: got %q, want %q", q.Words, tt.words)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Clínica Saúde", "clinica saude"},
		{"MAYAGÜEZ", "mayaguez"},
		{"Ångström Çedilla", "angstrom cedilla"},
		{"İstanbul", "istanbul"}, // the dot above is a combining mark once decomposed
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSearch(t *testing.T) {
	s := loadSearchSite(t)
	tests := []struct {
		name, query string
		want        []string
	}{
		// The two Columbus centers share a point: the tie goes by name,
		// lower-cased, so "twin a" comes before "Twin B".
		{"near, ties by name", "near=43215", []string{"nocoords-columbus", "a-columbus", "b-columbus"}},
		{"wider radius takes in Dayton", "near=43215&radius=100", []string{"nocoords-columbus", "a-columbus", "b-columbus", "far-dayton"}},
		{"OR within a facet", "near=43215&radius=100&level=detox,outpatient", []string{"nocoords-columbus", "a-columbus", "far-dayton"}},
		{"AND across facets", "near=43215&radius=100&level=iop&pay=medicaid", []string{"b-columbus"}},
		{"without near, by name; no coordinates needed", "q=columbus", []string{"nocoords-columbus", "a-columbus", "b-columbus"}},
		{"accents in the data", "q=mayaguez%20saude", []string{"saude-mayaguez"}},
		{"every word must match", "q=twin%20dayton", nil},
		{"a failed search finds nothing", "near=99999&level=iop", nil},
		{"a point with no center near", "near=0,0", nil},
		// The distances below were worked out apart from Miles, by the
		// haversine formula with R = 3958.8: from the centroid of 43215
		// (39.96686, -83.01296) the Columbus twins (39.96, -83) lie 0.834
		// miles away and Dayton (39.76, -84.19) 64.039 miles.
		// The center without coordinates sits on the centroid itself.
		{"Dayton just inside the radius", "near=43215&radius=64.04", []string{"nocoords-columbus", "a-columbus", "b-columbus", "far-dayton"}},
		{"Dayton just outside the radius", "near=43215&radius=64.03", []string{"nocoords-columbus", "a-columbus", "b-columbus"}},
		{"the twins just inside the radius", "near=43215&radius=0.84", []string{"nocoords-columbus", "a-columbus", "b-columbus"}},
		{"the twins just outside the radius", "near=43215&radius=0.83", []string{"nocoords-columbus"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := url.ParseQuery(tt.query)
			if got := hitIDs(s.Search(s.ParseQuery(v))); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFacetCounts(t *testing.T) {
	s := loadSearchSite(t)
	v, _ := url.ParseQuery("near=43215&radius=100&level=iop")
	got := s.FacetCounts(s.ParseQuery(v))
	want := map[string]map[string]int{
		// iop is ticked: the current count (a, b and the center placed at
		// the centroid). Ticking outpatient too adds Dayton: 4. Ticking
		// detox adds nothing new: 3.
		"level": {"detox": 3, "residential": 3, "php": 3, "iop": 3, "outpatient": 4, "aftercare": 3},
		// No payment ticked: how many of the current results take each.
		"pay": {"medicaid": 1, "medicare": 0, "private": 1, "self-pay": 1, "sliding-scale": 0, "free": 0, "military": 0},
		"med": {"methadone": 1, "buprenorphine": 0, "naltrexone": 0},
	}
	for f, byCode := range want {
		for code, n := range byCode {
			if got[f][code] != n {
				t.Errorf("%s %s: got %d, want %d", f, code, got[f][code], n)
			}
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	s := loadSearchSite(f)
	// Dayton lies 64 miles from 43215: between r and 2r for radius=40, so
	// that a filter off by a factor of two fails on the seeds alone.
	for _, seed := range []string{"near=43215", "near=39.9,-83&radius=5", "level=iop,detox&q=x", "near=%ff", "radius=1e9&near=1,1", "near=43215&radius=40"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q := s.ParseQuery(v)
		if q.Radius <= 0 || q.Radius > MaxRadius {
			t.Errorf("%q: radius %v out of range", raw, q.Radius)
		}
		hits := s.Search(q)
		if q.Failed && len(hits) > 0 {
			t.Errorf("%q: a failed query found %d centers", raw, len(hits))
		}
		for _, h := range hits {
			if q.Located && h.Miles > q.Radius {
				t.Errorf("%q: %s at %.2f miles, beyond %v", raw, h.ID, h.Miles, q.Radius)
			}
		}
		for _, p := range q.Problems {
			if strings.TrimSpace(p) == "" {
				t.Errorf("%q: empty problem", raw)
			}
		}
	})
}

// loadSyntheticSite loads the real content with n generated centers and
// the real ZIP table.
func loadSyntheticSite(t testing.TB, n int) *Site {
	t.Helper()
	zipData, err := os.ReadFile("../../data/zips.csv")
	if err != nil {
		t.Fatal(err)
	}
	zips, err := synth.ReadZIPs(bytes.NewReader(zipData))
	if err != nil {
		t.Fatal(err)
	}
	var csv bytes.Buffer
	if err := synth.Write(&csv, synth.Options{N: n, Seed: 1, ZIPs: zips}); err != nil {
		t.Fatal(err)
	}
	s, err := Load(siteFS(t, map[string]string{"data/centers.csv": csv.String(), "data/zips.csv": string(zipData)}), DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOptionCount counts the directory's centers by option, as the home
// page shows them before any search.
func TestOptionCount(t *testing.T) {
	s := loadSearchSite(t)
	want := map[[2]string]int{
		{"level", "iop"}: 4, {"level", "detox"}: 1, {"level", "outpatient"}: 2, {"level", "residential"}: 0,
		{"pay", "medicaid"}: 3, {"pay", "private"}: 2, {"pay", "self-pay"}: 1, {"pay", "free"}: 0,
		{"med", "methadone"}: 1, {"med", "buprenorphine"}: 1, {"med", "naltrexone"}: 0,
		{"level", "unknown"}: 0,
	}
	for k, n := range want {
		if got := s.OptionCount(k[0], k[1]); got != n {
			t.Errorf("OptionCount(%q, %q) = %d, want %d", k[0], k[1], got, n)
		}
	}
}

// TestOfferedIn counts a level's centers state by state, as its page
// lists them.
func TestOfferedIn(t *testing.T) {
	s := loadSearchSite(t)
	level := func(code string) *Level {
		for _, l := range s.Levels {
			if l.Code == code {
				return l
			}
		}
		t.Fatalf("no level %s", code)
		return nil
	}
	for code, want := range map[string]string{"iop": "OH 3, PR 1", "outpatient": "OH 2", "detox": "OH 1", "residential": ""} {
		var got []string
		for _, lc := range s.OfferedIn(level(code)) {
			got = append(got, fmt.Sprintf("%s %d", lc.State.Code, lc.Count))
		}
		if strings.Join(got, ", ") != want {
			t.Errorf("OfferedIn(%s) = %q, want %q", code, strings.Join(got, ", "), want)
		}
	}
}

// TestByName: names compare lower-cased, by code point (no locale: an
// accented letter sorts after z, as in JavaScript), then by id.
func TestByName(t *testing.T) {
	c := func(id, name string) *Center { return &Center{ID: id, Name: name} }
	centers := []*Center{c("5", "Ábaco"), c("4", "zeta"), c("3", "Oak"), c("2", "oak"), c("1", "Twin B"), c("0", "twin a"), c("6", "Zeta")}
	slices.SortFunc(centers, byName)
	var got []string
	for _, x := range centers {
		got = append(got, x.ID)
	}
	if want := []string{"2", "3", "0", "1", "4", "6", "5"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}
