package build

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCentroids: a center without lat/lon is placed at its ZIP code's
// centroid (the first five digits of a ZIP+4), marked approximate, and
// counted once; one whose ZIP code is unknown too is an error that says
// how to fix it; coordinates given are kept.
func TestCentroids(t *testing.T) {
	zips := map[string]LatLon{"43215": {39.96686, -83.01296}, "02155": {42.42, -71.1}}
	tests := []struct {
		name     string
		c        Center
		lat, lon float64
		approx   bool
		err      string
	}{
		{"coordinates kept", Center{ID: "a", ZIP: "43215", Lat: 40, Lon: -83, HasCoords: true}, 40, -83, false, ""},
		{"placed at the centroid", Center{ID: "b", ZIP: "43215"}, 39.96686, -83.01296, true, ""},
		{"ZIP+4 placed by its five digits", Center{ID: "c", ZIP: "02155-1234"}, 42.42, -71.1, true, ""},
		{"unknown ZIP too", Center{ID: "d", ZIP: "99999", Line: 7}, 0, 0, false,
			`data/centers.csv:7: center "d" has no lat/lon and its ZIP code 99999 is not in data/zips.csv: add lat and lon, or correct the ZIP code`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			rep := &report{}
			placeAtCentroids("data/centers.csv", []*Center{&c}, zips, "data/zips.csv", rep)
			if tc.err != "" {
				if err := rep.err(); err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %s", err, tc.err)
				}
				return
			}
			if err := rep.err(); err != nil {
				t.Fatal(err)
			}
			if c.Lat != tc.lat || c.Lon != tc.lon || !c.HasCoords || c.Approximate != tc.approx {
				t.Errorf("got %v,%v approximate %v; want %v,%v approximate %v", c.Lat, c.Lon, c.Approximate, tc.lat, tc.lon, tc.approx)
			}
		})
	}
}

// TestCentroidsCounted: the build says how many centers it placed, once.
func TestCentroidsCounted(t *testing.T) {
	cs := []*Center{{ID: "a", ZIP: "43215"}, {ID: "b", ZIP: "43215"}, {ID: "c", ZIP: "43215", HasCoords: true}}
	rep := &report{}
	placeAtCentroids("data/centers.csv", cs, map[string]LatLon{"43215": {40, -83}}, "data/zips.csv", rep)
	w := rep.Warnings()
	want := "warning: data/centers.csv: centers without lat/lon placed at their ZIP code's centroid from data/zips.csv: 2; their pages say the location is approximate (add lat and lon for exact distances)"
	if len(w) != 1 || w[0] != want {
		t.Errorf("warnings %q, want %q", w, want)
	}
}

// TestApproximatePage: the page of a center placed at its centroid says
// the location is approximate, gives directions to its address, not to
// the centroid, and tells search engines no coordinates.
func TestApproximatePage(t *testing.T) {
	fsys := repoSite(t)
	fsys["data/centers.csv"].Data = []byte(searchCSV)
	fsys["data/zips.csv"] = &fstest.MapFile{Data: []byte(searchZIPs)}
	_, out := mustBuild(t, fsys)
	page := string(out.files["centers/nocoords-columbus/index.html"])
	for _, s := range []string{"The location of this center is approximate", "OH,&#43;43215"} {
		if !strings.Contains(page, s) {
			t.Errorf("the page lacks %q:\n%s", s, page)
		}
	}
	if strings.Contains(page, "destination=39.96") {
		t.Error("directions lead to the ZIP code's centroid")
	}
	if strings.Contains(page, "GeoCoordinates") {
		t.Error("the page gives search engines the centroid as the center's place")
	}
	if exact := string(out.files["centers/a-columbus/index.html"]); strings.Contains(exact, "approximate") {
		t.Error("a center with coordinates is called approximate")
	}
}

// TestCentroidsThroughCache: a rebuild that takes its centers from the
// cache, with one row changed, places them as the first build did.
func TestCentroidsThroughCache(t *testing.T) {
	fsys := siteFS(t, map[string]string{"data/zips.csv": searchZIPs})
	cache := filepath.Join(t.TempDir(), "centers.cache")
	for i, csv := range []string{searchCSV, strings.Replace(searchCSV, "Dayton Example", "Dayton Renamed", 1)} {
		s, err := loadWith(t, fsys, []byte(csv), cache)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range s.Centers {
			if want := c.ID == "nocoords-columbus"; c.Approximate != want || !c.HasCoords {
				t.Errorf("build %d: %s approximate %v, has coordinates %v", i+1, c.ID, c.Approximate, c.HasCoords)
			}
		}
	}
}
