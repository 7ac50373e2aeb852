package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const sample = "testdata/findtreatment-sample-2019.json"

// runImport runs an import with the test vocabulary and gives its output.
func runImport(t testing.TB, opts Options) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := Run(context.Background(), opts, testVocabulary(t), &out, &errOut)
	return out.String(), err
}

// readRows reads a CSV as one map a row, keyed by column.
func readRows(t testing.TB, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
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

func bySourceID(rows []map[string]string, prefix string) map[string]string {
	for _, r := range rows {
		if strings.HasPrefix(r["source_id"], prefix) {
			return r
		}
	}
	return nil
}

// TestFindTreatmentSample holds the mapping of the 30 real facilities to
// what their labels say, read by hand from the sample: SET labels give
// the levels (with "Aftercare/continuing care"), PAY and PYAS the
// payment, OT, OM and PHR the medications; "Accepts clients on opioid
// medication" and "Do not use medication for opioid addiction" give none.
func TestFindTreatmentSample(t *testing.T) {
	want := []struct{ frid, name, levels, payment, medications string }{
		{"811a908f", "Region Ten Community Services Board - Mohr Center", "aftercare;residential", "medicaid;private;self-pay;sliding-scale", ""},
		{"39d6ca2b", "Region Ten Community Services Board", "aftercare;iop;outpatient", "medicaid;military;private;self-pay;sliding-scale", "buprenorphine"},
		{"ab740701", "Empowering Families Program - Substance Abuse Intensive Outpatient", "aftercare;iop;outpatient", "medicaid;medicare;military;private;self-pay;sliding-scale", ""},
		{"708bf189", "Addiction Recovery Systems LLC", "outpatient", "medicaid;private;self-pay", "buprenorphine;methadone"},
		{"d0ac0e21", "Addiction Allies LLC", "aftercare;iop;outpatient;php", "medicaid;military;private;self-pay", "buprenorphine;naltrexone"},
		{"76cf96c3", "Orchard Mountain Recovery", "aftercare;iop;outpatient", "private;self-pay", ""},
		{"41d91d4d", "Region Ten Community Services Board - Fluvanna County Office", "aftercare;outpatient", "self-pay;sliding-scale", ""},
		{"ce1ca08b", "Region Ten Community Services Board - Greene County Office", "aftercare;outpatient", "medicaid;military;private;self-pay;sliding-scale", ""},
		{"edbf46a9", "Region Ten Community Services Board - Louisa County Office", "aftercare;outpatient", "medicaid;military;private;self-pay;sliding-scale", ""},
		{"b84c535e", "Region Ten Community Services Board - Nelson Counseling Center", "aftercare;outpatient", "medicaid;medicare;military;private;self-pay;sliding-scale", ""},
		{"f0b09a60", "Augusta Health", "aftercare;outpatient", "medicaid;medicare;military;private;self-pay;sliding-scale", ""},
		{"a42f731e", "Valley Community Services Board - Substance Abuse Outpatient Services", "aftercare;iop;outpatient;php", "medicaid;medicare;military;private;self-pay;sliding-scale", "naltrexone"},
		{"1cfdfec2", "Staunton Treatment Center", "outpatient", "medicaid;self-pay", "buprenorphine;methadone"},
		{"14f1d707", "Rockingham Memorial Hospital - Outpatient Behavioral Health", "aftercare;outpatient;php", "medicaid;medicare;military;private;self-pay", ""},
	}
	dir := t.TempDir()
	data, md := filepath.Join(dir, "data", "centers.csv"), filepath.Join(dir, "import.md")
	out, err := runImport(t, Options{Source: "findtreatment", Inputs: []string{sample}, DataPath: data, ReportPath: md})
	if err != nil {
		t.Fatal(err)
	}
	rows := readRows(t, data)
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d\n%s", len(rows), len(want), out)
	}
	for _, w := range want {
		r := bySourceID(rows, w.frid)
		if r == nil {
			t.Errorf("%s (%s) not imported", w.name, w.frid)
			continue
		}
		got := []string{r["name"], r["levels"], r["payment"], r["medications"]}
		if exp := []string{w.name, w.levels, w.payment, w.medications}; !slices.Equal(got, exp) {
			t.Errorf("%s:\n got %q\nwant %q", w.frid, got, exp)
		}
	}
	if !strings.Contains(out, "16  not substance use treatment") {
		t.Errorf("the report does not count the 16 mental health facilities:\n%s", out)
	}
	report, _ := os.ReadFile(md)
	for _, s := range []string{"## Import from findtreatment", "| added | 14 |", "| not substance use treatment | 16 |",
		"| Substance use treatment | 14 |"} {
		if !strings.Contains(string(report), s) {
			t.Errorf("the Markdown report lacks %q:\n%s", s, report)
		}
	}
	all := filepath.Join(t.TempDir(), "centers.csv")
	if _, err := runImport(t, Options{Source: "findtreatment", Inputs: []string{sample}, DataPath: all, All: true}); err != nil {
		t.Fatal(err)
	}
	if n := len(readRows(t, all)); n != 30 {
		t.Errorf("with All: %d rows, want 30", n)
	}
}

// TestFindTreatmentFields pins the row model: name1 + name2, street1 +
// street2 as two lines, intake1, coordinates, frid.
func TestFindTreatmentFields(t *testing.T) {
	data := filepath.Join(t.TempDir(), "centers.csv")
	if _, err := runImport(t, Options{Source: "findtreatment", Inputs: []string{sample}, DataPath: data}); err != nil {
		t.Fatal(err)
	}
	r := bySourceID(readRows(t, data), "811a908f")
	want := map[string]string{
		"id": "region-ten-community-services-board-mohr-center-charlottesville", "street": "1014 East Market Street",
		"city": "Charlottesville", "state": "VA", "zip": "22902", "phone": "434-979-8871", "intake_phone": "434-972-1800",
		"website": "http://www.regionten.org", "lat": "38.0282239", "lon": "-78.4725231", "source": SourceFindTreatment,
		"source_id": "811a908f82269778a2fe2a8bc603afa08df868f3e2fa56aa62e214d03997dea1", "ages": "adults;young-adults", "gender": "men",
		"services": "interim;peer", "verified": "",
	}
	for col, v := range want {
		if r[col] != v {
			t.Errorf("%s = %q, want %q", col, r[col], v)
		}
	}
}
