package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func readRealZIPs(t *testing.T) []ZIP {
	t.Helper()
	f, err := os.Open("../../data/zips.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zips, err := ReadZIPs(f)
	if err != nil {
		t.Fatal(err)
	}
	return zips
}

func generateCSV(t *testing.T, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parseCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], DefaultColumns) {
		t.Fatalf("header = %v, want %v", recs[0], DefaultColumns)
	}
	return recs[1:]
}

func TestStateOf(t *testing.T) {
	tests := []struct {
		zip, want string
	}{
		{"00501", "NY"}, {"00601", "PR"}, {"00802", "VI"}, {"00907", "PR"},
		{"02108", "MA"}, {"02903", "RI"}, {"03301", "NH"}, {"04101", "ME"},
		{"05401", "VT"}, {"05501", "MA"}, {"06103", "CT"}, {"07102", "NJ"},
		{"10001", "NY"}, {"19103", "PA"}, {"19901", "DE"}, {"20001", "DC"},
		{"20166", "VA"}, {"21201", "MD"}, {"23219", "VA"}, {"25301", "WV"},
		{"27601", "NC"}, {"29201", "SC"}, {"30303", "GA"}, {"33101", "FL"},
		{"34102", "FL"}, {"35203", "AL"}, {"37203", "TN"}, {"39201", "MS"},
		{"39901", "GA"}, {"40202", "KY"}, {"43215", "OH"}, {"46204", "IN"},
		{"48226", "MI"}, {"50309", "IA"}, {"53202", "WI"}, {"55401", "MN"},
		{"56901", "DC"}, {"57501", "SD"}, {"58501", "ND"}, {"59601", "MT"},
		{"60606", "IL"}, {"63101", "MO"}, {"66101", "KS"}, {"68102", "NE"},
		{"70112", "LA"}, {"72201", "AR"}, {"73102", "OK"}, {"73301", "TX"},
		{"75201", "TX"}, {"80202", "CO"}, {"82001", "WY"}, {"83702", "ID"},
		{"84101", "UT"}, {"85004", "AZ"}, {"87501", "NM"}, {"88510", "TX"},
		{"89501", "NV"}, {"90012", "CA"}, {"96813", "HI"}, {"97201", "OR"},
		{"98101", "WA"}, {"99501", "AK"}, {"99950", "AK"},
		// Codes whose state differs from their prefix's.
		{"06390", "NY"}, {"83414", "WY"}, {"96799", "AS"}, {"96910", "GU"},
		{"96950", "MP"}, {"96939", "PW"}, {"96941", "FM"}, {"96960", "MH"},
		// Military and unassigned codes map to no state.
		{"09001", ""}, {"34001", ""}, {"96201", ""}, {"00100", ""},
		{"", ""}, {"1234", ""}, {"123456", ""}, {"abcde", ""},
	}
	for _, tt := range tests {
		if got := StateOf(tt.zip); got != tt.want {
			t.Errorf("StateOf(%q) = %q, want %q", tt.zip, got, tt.want)
		}
	}
}

func TestEveryZIPHasAState(t *testing.T) {
	for _, z := range readRealZIPs(t) {
		if StateOf(z.Code) == "" {
			t.Errorf("zip %s maps to no state", z.Code)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"words", "Example Harbor Recovery Center", "example-harbor-recovery-center"},
		{"apostrophe dropped", "St. Example's Recovery", "st-examples-recovery"},
		{"ampersand", "Counseling & Family", "counseling-and-family"},
		{"edges trimmed", "  -Boston!- ", "boston"},
		{"digits kept", "Route 66 Clinic", "route-66-clinic"},
		{"non-ASCII dropped", "Café Niño", "caf-ni-o"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := slug(tt.in); got != tt.want {
				t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestReadZIPs(t *testing.T) {
	tests := []struct {
		name, in string
		want     []ZIP
		err      string
	}{
		{"rows", "zip,lat,lon\n00601,18.18,-66.75\n02108,42.3551,-71.06574\n",
			[]ZIP{{"00601", 18.18, -66.75}, {"02108", 42.3551, -71.06574}}, ""},
		{"header case and BOM", "\ufeffZIP,Lat,Lon\n00601,18.18,-66.75\n",
			[]ZIP{{"00601", 18.18, -66.75}}, ""},
		{"empty", "", nil, "empty file"},
		{"no rows", "zip,lat,lon\n", nil, "no rows"},
		{"wrong header", "code,lat,lon\n", nil, `header is "code,lat,lon"`},
		{"short zip", "zip,lat,lon\n601,18.18,-66.75\n", nil, `line 2, column 1: zip "601" is not 5 digits`},
		{"bad latitude", "zip,lat,lon\n00601,x,-66.75\n", nil, `bad latitude "x"`},
		{"latitude out of range", "zip,lat,lon\n00601,91,-66.75\n", nil, `bad latitude "91"`},
		{"bad longitude", "zip,lat,lon\n00601,18.18,\n", nil, `bad longitude ""`},
		{"missing field", "zip,lat,lon\n00601,18.18\n", nil, "wrong number of fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadZIPs(strings.NewReader(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestWriteErrors(t *testing.T) {
	boston := []ZIP{{"02108", 42.3551, -71.06574}}
	tests := []struct {
		name string
		opts Options
		err  string
	}{
		{"no rows wanted", Options{N: 0, ZIPs: boston}, "n is 0"},
		{"no zips", Options{N: 10}, "no ZIP codes given"},
		{"only military zips", Options{N: 10, ZIPs: []ZIP{{"09001", 50, 8}}}, "none of the ZIP codes maps"},
		{"example without every metro", Options{N: 10, ZIPs: boston, Example: true}, "no ZIP codes for the Philadelphia metro area"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(&bytes.Buffer{}, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.err)
			}
		})
	}
}

var (
	idRE    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	zipRE   = regexp.MustCompile(`^[0-9]{5}$`)
	coordRE = regexp.MustCompile(`^-?[0-9]+\.[0-9]{5}$`)
	phoneRE = regexp.MustCompile(`^\([2-9][0-8][0-9]\) 555-01[0-9]{2}$`)
	dateRE  = regexp.MustCompile(`^20(25|26)-[01][0-9]-[0-3][0-9]$`)
)

// checkRow reports the first way rec breaks docs/csv.md's data/centers.csv
// rules or the promises of Write, by column name.
func checkRow(rec []string, zips map[string]ZIP) error {
	f := map[string]string{}
	for i, h := range DefaultColumns {
		f[h] = rec[i]
	}
	switch {
	case len(f["id"]) > 80 || !idRE.MatchString(f["id"]):
		return fmt.Errorf("id %q", f["id"])
	case len(f["name"]) > 200 || !strings.Contains(f["name"], "Example"):
		return fmt.Errorf("name %q", f["name"])
	case f["city"] == "":
		return fmt.Errorf("empty city")
	case !zipRE.MatchString(f["zip"]) || StateOf(f["zip"]) != f["state"]:
		return fmt.Errorf("zip %q state %q", f["zip"], f["state"])
	case f["phone"] != "" && !phoneRE.MatchString(f["phone"]):
		return fmt.Errorf("phone %q", f["phone"])
	case f["website"] != "" && f["website"] != "https://"+f["id"]+".example.org/":
		return fmt.Errorf("website %q", f["website"])
	case f["verified"] < "2025-01-01" || f["verified"] > "2026-10-31" || !dateRE.MatchString(f["verified"]):
		return fmt.Errorf("verified %q", f["verified"])
	}
	if err := checkCoords(f["lat"], f["lon"], zips[f["zip"]]); err != nil {
		return err
	}
	return checkLists(f)
}

func checkCoords(lat, lon string, z ZIP) error {
	if lat == "" && lon == "" {
		return nil
	}
	if !coordRE.MatchString(lat) || !coordRE.MatchString(lon) {
		return fmt.Errorf("lat %q lon %q", lat, lon)
	}
	la, _ := strconv.ParseFloat(lat, 64)
	lo, _ := strconv.ParseFloat(lon, 64)
	if d := max(abs(la-z.Lat), abs(lo-z.Lon)); d > 0.02+1e-9 {
		return fmt.Errorf("lat %q lon %q is %.5f° from zip %s", lat, lon, d, z.Code)
	}
	return nil
}

func abs(x float64) float64 { return max(x, -x) }

func checkLists(f map[string]string) error {
	lists := []struct {
		col      string
		codes    []string
		min, max int
	}{
		{"levels", levelCodes, 1, 4},
	}
	for _, fc := range DefaultFacets {
		lo := 0
		if fc.Column == "payment" {
			lo = 1
		}
		lists = append(lists, struct {
			col      string
			codes    []string
			min, max int
		}{fc.Column, fc.Codes, lo, 6})
	}
	for _, l := range lists {
		var got []string
		if f[l.col] != "" {
			got = strings.Split(f[l.col], ";")
		}
		if len(got) < l.min || len(got) > l.max || !inCanonicalOrder(got, l.codes) {
			return fmt.Errorf("%s %q", l.col, f[l.col])
		}
	}
	return nil
}

// inCanonicalOrder reports whether got holds known codes, each once, in the
// order of codes.
func inCanonicalOrder(got, codes []string) bool {
	last := -1
	for _, g := range got {
		i := slices.Index(codes, g)
		if i <= last {
			return false
		}
		last = i
	}
	return true
}

func zipIndex(zips []ZIP) map[string]ZIP {
	m := make(map[string]ZIP, len(zips))
	for _, z := range zips {
		m[z.Code] = z
	}
	return m
}

func TestWriteRowsAreValid(t *testing.T) {
	zips := readRealZIPs(t)
	index := zipIndex(zips)
	for _, opts := range []Options{
		{N: 2000, Seed: 7, ZIPs: zips},
		{N: 400, Seed: 1, ZIPs: zips, Example: true},
	} {
		t.Run(fmt.Sprintf("example=%v", opts.Example), func(t *testing.T) {
			out := generateCSV(t, opts)
			if again := generateCSV(t, opts); !bytes.Equal(out, again) {
				t.Fatal("two runs with the same options differ")
			}
			rows := parseCSV(t, out)
			if len(rows) != opts.N {
				t.Fatalf("got %d rows, want %d", len(rows), opts.N)
			}
			seen := map[string]bool{}
			for i, rec := range rows {
				if err := checkRow(rec, index); err != nil {
					t.Errorf("row %d: %v", i+2, err)
				}
				if seen[rec[0]] {
					t.Errorf("row %d: duplicate id %q", i+2, rec[0])
				}
				seen[rec[0]] = true
			}
		})
	}
}

func TestSeedChangesOutput(t *testing.T) {
	zips := readRealZIPs(t)
	a := generateCSV(t, Options{N: 50, Seed: 1, ZIPs: zips})
	b := generateCSV(t, Options{N: 50, Seed: 2, ZIPs: zips})
	if bytes.Equal(a, b) {
		t.Error("seeds 1 and 2 give the same output")
	}
}

// count returns how many rows have column col empty.
func countEmpty(rows [][]string, col string) int {
	i := slices.Index(DefaultColumns, col)
	n := 0
	for _, r := range rows {
		if r[i] == "" {
			n++
		}
	}
	return n
}

func TestMissingFieldShares(t *testing.T) {
	zips := readRealZIPs(t)
	tests := []struct {
		name                         string
		opts                         Options
		noCoords, noWebsite, noPhone int
	}{
		{"bench", Options{N: 2000, Seed: 3, ZIPs: zips}, 60, 200, 100},
		{"example", Options{N: 400, Seed: 1, ZIPs: zips, Example: true}, 10, 60, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := parseCSV(t, generateCSV(t, tt.opts))
			for _, c := range []struct {
				col  string
				want int
			}{{"lat", tt.noCoords}, {"lon", tt.noCoords}, {"website", tt.noWebsite}, {"phone", tt.noPhone}} {
				if got := countEmpty(rows, c.col); got != c.want {
					t.Errorf("%d rows without %s, want %d", got, c.col, c.want)
				}
			}
		})
	}
}

func TestExampleCoversEveryCode(t *testing.T) {
	zips := readRealZIPs(t)
	// A tiny example set relies on ensureCodes; the shipped size on chance.
	for _, n := range []int{8, 400} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			rows := parseCSV(t, generateCSV(t, Options{N: n, Seed: 1, ZIPs: zips, Example: true}))
			every := map[string][]string{"levels": levelCodes}
			for _, f := range DefaultFacets {
				every[f.Column] = f.Codes
			}
			for col, codes := range every {
				used := usedCodes(rows, col)
				for _, c := range codes {
					if !used[c] {
						t.Errorf("%s code %q is never used", col, c)
					}
				}
			}
			states := map[string]bool{}
			for _, r := range rows {
				states[r[slices.Index(DefaultColumns, "state")]] = true
			}
			if len(states) != len(metros) {
				t.Errorf("centers in %d states, want %d", len(states), len(metros))
			}
		})
	}
}

func usedCodes(rows [][]string, col string) map[string]bool {
	i := slices.Index(DefaultColumns, col)
	used := map[string]bool{}
	for _, r := range rows {
		for _, c := range strings.Split(r[i], ";") {
			used[c] = true
		}
	}
	return used
}

func TestExampleCities(t *testing.T) {
	tests := []struct {
		zip  ZIP
		want string
	}{
		{ZIP{"02108", 42.3551, -71.06574}, "Boston"},
		{ZIP{"02132", 42.27908, -71.16045}, "Boston"}, // West Roxbury is nearer Cambridge than downtown
		{ZIP{"02139", 42.36239, -71.10234}, "Cambridge"},
		{ZIP{"02169", 42.24002, -71.01520}, "Quincy"},
		{ZIP{"02215", 42.34763, -71.10308}, "Boston"},
		{ZIP{"19103", 39.95, -75.17}, "Philadelphia"},
		{ZIP{"60085", 42.3567, -87.8621}, "Waukegan"},
		{ZIP{"85201", 33.4326, -111.8460}, "Mesa"},
	}
	for _, tt := range tests {
		s, ok := siteInMetros(tt.zip)
		if !ok || s.city != tt.want {
			t.Errorf("city of %s = %q (found %v), want %q", tt.zip.Code, s.city, ok, tt.want)
		}
	}
}

func siteInMetros(z ZIP) (site, bool) {
	for i := range metros {
		if s, ok := metros[i].site(z); ok {
			return s, true
		}
	}
	return site{}, false
}

// TestTownOfIsStable pins the town of a few ZIP codes, worked out apart
// from the code (FNV-1a of the code, modulo the number of towns), so that
// a data set made with a seed stays the same from one version to the next.
func TestTownOfIsStable(t *testing.T) {
	for code, want := range map[string]string{"12345": "Portland", "43215": "Rome", "00680": "Lawrence", "99501": "Hartford"} {
		if got := townOf(code); got != want {
			t.Errorf("townOf(%s) = %q, want %q", code, got, want)
		}
	}
}

// TestExampleIsPlausible checks the combinations a reader would notice:
// a program for pregnant women only where women are taken, some centers
// for teens alone, intake numbers on about a third of the centers, and a
// street of two lines now and then.
func TestExampleIsPlausible(t *testing.T) {
	rows := parseCSV(t, generateCSV(t, Options{N: 400, Seed: 1, ZIPs: readRealZIPs(t), Example: true}))
	col := func(r []string, name string) string { return r[slices.Index(DefaultColumns, name)] }
	teensOnly, intake, twoLines := 0, 0, 0
	for _, r := range rows {
		if strings.Contains(col(r, "programs"), "pregnant") && !strings.Contains(col(r, "gender"), "women") {
			t.Errorf("%s has a program for pregnant women but does not take women", col(r, "id"))
		}
		if col(r, "ages") == "teens" {
			teensOnly++
		}
		if col(r, "intake_phone") != "" {
			intake++
		}
		if strings.Contains(col(r, "street"), "\n") {
			twoLines++
		}
	}
	if teensOnly < 5 {
		t.Errorf("%d centers for teens alone, want some", teensOnly)
	}
	if intake < 100 || intake > 170 {
		t.Errorf("%d of 400 centers have an intake number, want about a third", intake)
	}
	if twoLines == 0 {
		t.Error("no street has two lines")
	}
}

// TestBenchmarkDataFillsEveryFacet: the benchmark's centers carry a value
// in every facet, so that the measured index and pages hold them all.
func TestBenchmarkDataFillsEveryFacet(t *testing.T) {
	rows := parseCSV(t, generateCSV(t, Options{N: 300, Seed: 3, ZIPs: readRealZIPs(t)}))
	for _, r := range rows {
		for _, f := range DefaultFacets {
			if r[slices.Index(DefaultColumns, f.Column)] == "" {
				t.Fatalf("%s has no %s", r[0], f.Column)
			}
		}
	}
}
