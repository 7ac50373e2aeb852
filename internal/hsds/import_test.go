package hsds_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"treatmentdir/internal/build"
	"treatmentdir/internal/importer"
)

// siteVocab is the repository's vocabulary in the importer's terms.
type siteVocab struct{ v *build.Vocabulary }

func (s siteVocab) Match(label string) []importer.Term {
	var out []importer.Term
	for _, t := range s.v.Match(label) {
		out = append(out, importer.Term{Column: t.Column, Code: t.Code})
	}
	return out
}

func (s siteVocab) Columns() []string { return s.v.Columns() }

// importPackage imports the package in dir into the CSV data with the
// repository's vocabulary and ZIP table, and gives the report.
func importPackage(t *testing.T, dir, data string) (string, error) {
	t.Helper()
	v, err := build.LoadVocabulary(os.DirFS(repoRoot))
	if err != nil {
		t.Fatal(err)
	}
	zips, err := importer.LoadZIPs(filepath.Join(repoRoot, "data", "zips.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	opts := importer.Options{Source: "hsds", Inputs: []string{dir}, DataPath: data, Zips: zips}
	err = importer.Run(context.Background(), opts, siteVocab{v}, &out, &errOut)
	return out.String(), err
}

// TestImportSpecExample imports the specification's own example package:
// its one location is in no US state and its service's term maps to no
// level of care, so nothing is added, and the report says why and names
// every term and language that did not map, and the ids that name no row.
func TestImportSpecExample(t *testing.T) {
	data := filepath.Join(t.TempDir(), "centers.csv")
	report, err := importPackage(t, "testdata/spec-example", data)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(report)
	for _, want := range []string{
		"import hsds: 1 facilities read",
		"added 0, updated 0, unchanged 0",
		"state is not a USPS code",
		`link_id "f28dd44b-0c4d-479f-8e90-4c52219a8b3c" names no service, location or organization, so its term "name" is not imported`,
		"language Urdu (ur)",
		"organization_id \"985e4a42-bd9f-4edc-911d-0243a4640aca\" names no organization",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// otherPublisher is a small package as a 211 might write it: its own
// taxonomy, a location without coordinates, a food pantry beside the
// treatment program.
var otherPublisher = map[string]string{
	"datapackage.json": `{"name": "example-211", "title": "Example 211", "profile": "tabular-data-package", "resources": [
		{"name": "organization", "path": "organizations.csv"}, {"name": "service", "path": "services.csv"},
		{"name": "location", "path": "locations.csv"}, {"name": "service_at_location", "path": "service_at_location.csv"},
		{"name": "address", "path": "addresses.csv"}, {"name": "phone", "path": "phones.csv"},
		{"name": "language", "path": "languages.csv"}, {"name": "attribute", "path": "attributes.csv"},
		{"name": "taxonomy_term", "path": "taxonomy_terms.csv"}, {"name": "taxonomy", "path": "taxonomies.csv"},
		{"name": "x_extension", "path": "../../etc/passwd"}]}`,
	"organizations.csv": "id,name,description,website\no1,Example Recovery Alliance,Recovery services,example.org/recovery\no2,Example Food Bank,Food,\n",
	"services.csv": "id,organization_id,name,status,assured_date\ns1,o1,Intensive Outpatient Program,active,2026-05-04\n" +
		"s2,o2,Food Pantry,active,not a date\n",
	"locations.csv":           "id,location_type,organization_id,name,latitude,longitude\nl1,physical,o1,Northside Clinic,,\nl2,physical,o2,Pantry,41.9,-87.7\n",
	"service_at_location.csv": "id,service_id,location_id\nsl1,s1,l1\nsl2,s2,l2\n",
	"addresses.csv": "id,location_id,address_1,address_2,city,state_province,postal_code,country,address_type\n" +
		"a1,l1,4674 Church Blvd,Floor 2,Chicago,Illinois,60618,US,physical\na2,l2,1 Main St,,Chicago,IL,60601,US,physical\n",
	"phones.csv": "id,service_id,location_id,number,extension,type,description\n" +
		"p1,s1,,312-555-0188,,voice,Front desk\np2,s1,,312 555 0199,,voice,Intake line for new clients\np3,,l1,312-555-0100,,fax,\n",
	"languages.csv":      "id,service_id,location_id,name,code\nla1,s1,,Spanish,es\nla2,s1,,,ko\nla3,s1,,,ta\n",
	"attributes.csv":     "id,link_id,taxonomy_term_id,link_entity\nat1,s1,t1,service\nat2,s1,t2,service\nat3,s2,t3,service\n",
	"taxonomy_terms.csv": "id,code,name,description,taxonomy_id\nt1,RX-8450.3300,Intensive Outpatient Treatment,,x1\nt2,FIN-MCD,Medicaid,,x1\nt3,BD-1800.2000,Food Pantries,,x1\n",
	"taxonomies.csv":     "id,name,description\nx1,Example 211 Taxonomy,Terms\n",
}

// TestImportOtherPublisher imports a package that no directory wrote:
// its terms map through the synonyms, the location without coordinates
// gets its ZIP code's centroid, the location id becomes source_id, so a
// second import finds the row unchanged.
func TestImportOtherPublisher(t *testing.T) {
	dir := t.TempDir()
	for name, data := range otherPublisher {
		os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
	}
	data := filepath.Join(t.TempDir(), "centers.csv")
	report, err := importPackage(t, dir, data)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(report)
	rows := readCSV(t, data)
	if len(rows) != 1 {
		t.Fatalf("%d rows, want the treatment program alone: %v", len(rows), rows)
	}
	want := map[string]string{
		"id": "example-recovery-alliance-northside-clinic-chicago", "name": "Example Recovery Alliance - Northside Clinic",
		"street": "4674 Church Blvd\nFloor 2", "state": "IL", "zip": "60618", "phone": "312-555-0188",
		"intake_phone": "312 555 0199", "website": "http://example.org/recovery", "levels": "iop",
		"payment": "medicaid", "languages": "korean;spanish", "verified": "2026-05-04",
		"source": "HSDS: Example 211", "source_id": "l1", "services": "",
	}
	for col, v := range want {
		if rows[0][col] != v {
			t.Errorf("%s = %q, want %q", col, rows[0][col], v)
		}
	}
	if rows[0]["lat"] == "" || rows[0]["lon"] == "" {
		t.Errorf("no ZIP centroid for the location without coordinates: %v", rows[0])
	}
	for _, line := range []string{"no level of care among its labels", "Food Pantries (BD-1800.2000)",
		"Intensive Outpatient Treatment (RX-8450.3300) → levels iop", "language Spanish (es) → languages spanish",
		"1  language (ta)"} {
		if !strings.Contains(report, line) {
			t.Errorf("the report lacks %q", line)
		}
	}
	again, err := importPackage(t, dir, data)
	if err != nil || !strings.Contains(again, "added 0, updated 0, unchanged 1") {
		t.Errorf("a second import: %v\n%s", err, again)
	}
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		r := map[string]string{}
		for i, h := range recs[0] {
			r[h] = rec[i]
		}
		rows = append(rows, r)
	}
	return rows
}

// TestImportBadInput: a missing folder, a file that is not a package and a
// broken package are errors that name the place, and leave the CSV as it
// was.
func TestImportBadInput(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "centers.csv")
	os.WriteFile(data, []byte("id,name\n"), 0o644)
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("x"), 0o644)
	broken := filepath.Join(dir, "broken")
	os.Mkdir(broken, 0o755)
	os.WriteFile(filepath.Join(broken, "datapackage.json"), []byte(`{"resources": [{"name": "location", "path": "locations.csv"}]}`), 0o644)
	os.WriteFile(filepath.Join(broken, "locations.csv"), []byte("id,name\nl1,\"x\n"), 0o644)
	for _, tc := range []struct{ input, want string }{
		{filepath.Join(dir, "missing"), "missing: cannot read"},
		{notes, "notes.txt: not a folder"},
		{broken, "broken/locations.csv:2:"},
	} {
		_, err := importPackage(t, tc.input, data)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.input, err, tc.want)
		}
		if b, _ := os.ReadFile(data); string(b) != "id,name\n" {
			t.Errorf("%s: the CSV changed to %q", tc.input, b)
		}
	}
}
