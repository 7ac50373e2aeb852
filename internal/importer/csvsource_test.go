package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCSVSource: a county's messy export (BOM, CRLF, a two-line address,
// "Facility Name"-style headers, a state name, a 4-digit ZIP, "IOP,
// Outpatient", an "ext." phone) comes in with each fix counted.
func TestCSVSource(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "county.csv")
	export := "\uFEFFFacility Name,Address,City,State,ZIP,Phone,Services,Pay,Fax\r\n" +
		"Hope Center,\"10 Main St\r\nSuite 4\",Chicago,Illinois,60601,(312) 555-0100 ext. 4,\"IOP, Outpatient\",Medicaid,x\r\n" +
		"Elm House,5 Elm St,Boston,MA,2155,617-555-0101,Residential;Aftercare,\"Federal military insurance (e.g., TRICARE)\",y\r\n"
	os.WriteFile(in, []byte(export), 0o644)
	data := filepath.Join(dir, "centers.csv")
	out, err := runImport(t, Options{Source: "csv", Inputs: []string{in}, DataPath: data,
		Map: "Facility Name=name,Address=street,Services=levels,Pay=payment"})
	if err != nil {
		t.Fatal(err)
	}
	rows := readRows(t, data)
	want := map[string][]string{ // id: street, state, zip, phone, levels, payment
		"hope-center-chicago": {"10 Main St, Suite 4", "IL", "60601", "(312) 555-0100 ext. 4", "iop;outpatient", "medicaid"},
		"elm-house-boston":    {"5 Elm St", "MA", "02155", "617-555-0101", "aftercare;residential", "military"},
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows:\n%s", len(rows), out)
	}
	for _, r := range rows {
		got := strings.Join([]string{r["street"], r["state"], r["zip"], r["phone"], r["levels"], r["payment"]}, "|")
		if w := strings.Join(want[r["id"]], "|"); got != w {
			t.Errorf("%s:\n got %s\nwant %s", r["id"], got, w)
		}
	}
	for _, s := range []string{"1  line breaks in an address joined", "1  state name turned into its USPS code",
		"1  ZIP code restored", "1  list separated by commas split",
		`column "Fax" is not imported: map it with -map "Fax=column"`} {
		if !strings.Contains(out, s) {
			t.Errorf("the report lacks %q:\n%s", s, out)
		}
	}
}

func TestParseMapping(t *testing.T) {
	tests := []struct{ name, spec, want string }{
		{"good", "Facility Name=name, Address = street", ""},
		{"unknown column", "Phone=phon", `-map:1: unknown column "phon" (did you mean "phone"?)`},
		{"no equals", "Phone", `-map:1: "Phone": want Their Column=our_column`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ParseMapping(tc.spec, testColumns)
			if tc.want == "" {
				if err != nil || m["facility name"] != "name" || m["address"] != "street" {
					t.Errorf("%v, %v", m, err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v\nwant %s…", err, tc.want)
			}
		})
	}
}

func TestSuggestColumn(t *testing.T) {
	tests := []struct{ in, want string }{
		{"phone number", "phone"}, {"zip code", "zip"}, {"level", "levels"}, {"webiste", "website"},
		{"fax", "column"}, {"facility name", "name"},
	}
	for _, tc := range tests {
		if got := suggestColumn(tc.in, testColumns); got != tc.want {
			t.Errorf("suggestColumn(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
