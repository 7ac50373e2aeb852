package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbook makes a workbook in the National Directory's shape: a sheet of
// facilities and, unless codes is nil, the Service Code Reference sheet.
func workbook(t testing.TB, facilities [][]any, codes [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Facilities")
	put := func(sheet string, rows [][]any) {
		for i, row := range rows {
			ref, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(sheet, ref, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	put("Facilities", facilities)
	if codes != nil {
		f.NewSheet(codeSheet)
		put(codeSheet, codes)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var nsHeader = []any{"name1", "name2", "street1", "street2", "city", "state", "zip", "phone", "intake1", "website", "type_facility", "service_code_info"}

// nsCodes is a code sheet of a year in which IOP was still coded OIT and
// MI meant military insurance.
var nsCodes = [][]any{
	{"category_code", "category_name", "service_code", "service_name"},
	{"TC", "Type of Care", "SA", "Substance use treatment"},
	{"SET", "Service Settings", "OP", "Outpatient"},
	{"SET", "Service Settings", "OIT", "Intensive outpatient treatment"},
	{"SET", "Service Settings", "RES", "Residential/24-hour residential"},
	{"PAY", "Payment", "MD", "Medicaid"},
	{"PAY", "Payment", "SF", "Cash or self-payment"},
	{"PAY", "Payment", "MI", "Military insurance (e.g., TRICARE)"},
	{"PAY", "Payment", "SI", "State-financed health insurance plan other than Medicaid"},
}

func nsFacilities() [][]any {
	return [][]any{
		{"National Directory of Drug and Alcohol Abuse Treatment Facilities"},
		nsHeader,
		{"Harbor Light", "", "12 Shore Rd", "", "New London", "CT", 6320, "860-555-0101", "", "www.harbor.example.org", "SA", "SA * OP * OIT * MD * MI"},
		{"Valley Way", "Annex", "40 River St", "Unit 2", "Eugene", "OR", "97401.0", "541-555-0102", "541-555-0103", "", "SA", "SA * RES * SF * SI * ZZ"},
		{"Mind Clinic", "", "1 Elm", "", "Eugene", "OR", "97401", "541-555-0104", "", "", "MH", "OP * MD"},
		{"Nowhere House", "", "5 Lost Ln", "", "Somewhere", "TX", "79999", "", "", "", "SA", "SA * OP"},
	}
}

func TestNSUMHSS(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "directory.xlsx")
	os.WriteFile(in, workbook(t, nsFacilities(), nsCodes), 0o644)
	zips := func(zip string) (string, string, bool) {
		p, ok := map[string][2]string{"06320": {"41.35", "-72.1"}, "97401": {"44.06", "-123.08"}}[zip]
		return p[0], p[1], ok
	}
	data := filepath.Join(dir, "centers.csv")
	out, err := runImport(t, Options{Source: "nsumhss", Inputs: []string{in}, DataPath: data, Zips: zips})
	if err != nil {
		t.Fatal(err)
	}
	rows := readRows(t, data)
	want := map[string][]string{ // id: zip, lat, levels, payment, street, intake
		"harbor-light-new-london": {"06320", "41.35", "iop;outpatient", "medicaid;military", "12 Shore Rd", ""},
		"valley-way-annex-eugene": {"97401", "44.06", "residential", "self-pay", "40 River St, Unit 2", "541-555-0103"},
		"nowhere-house-somewhere": {"79999", "", "outpatient", "", "5 Lost Ln", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d:\n%s", len(rows), len(want), out)
	}
	for _, r := range rows {
		w := want[r["id"]]
		got := []string{r["zip"], r["lat"], r["levels"], r["payment"], r["street"], r["intake_phone"]}
		if strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("%s:\n got %q\nwant %q", r["id"], got, w)
		}
	}
	for _, s := range []string{
		"ZZ (a code the Service Code Reference sheet does not list)",
		"State-financed health insurance plan other than Medicaid",
		"1  not substance use treatment",
		"2  coordinates taken from the ZIP code's centroid",
		"Nowhere House (Facilities!A6, ZIP 79999)",
		"1  website without http:// given one",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("the report lacks %q:\n%s", s, out)
		}
	}
}

// TestNSUMHSSCodesByYear: the same code means what that year's code
// sheet says, never what another year's did.
func TestNSUMHSSCodesByYear(t *testing.T) {
	codes := [][]any{{"service_code", "service_name"}, {"SA", "Substance use treatment"},
		{"MI", "Serious mental illness program"}, {"IOP", "Intensive outpatient treatment"}}
	rows := [][]any{nsHeader, {"A Place", "", "1 A St", "", "Salem", "OR", "97301", "", "", "", "", "SA * IOP * MI"}}
	fs, err := ReadNSUMHSS("y.xlsx", workbook(t, rows, codes))
	if err != nil {
		t.Fatal(err)
	}
	rep := newReport("nsumhss")
	got := newMapper(testVocabulary(t)).codes(fs[0].Labels, nil, rep)
	if got["payment"] != nil || strings.Join(got["levels"], ";") != "iop" {
		t.Errorf("codes %v", got)
	}
	if !fs[0].SubstanceUse || rep.Unmapped["Serious mental illness program"] != 1 {
		t.Errorf("substance use %v, unmapped %v", fs[0].SubstanceUse, rep.Unmapped)
	}
}

func TestNSUMHSSErrors(t *testing.T) {
	noZIP := [][]any{{"name1", "city", "state", "service_code_info"}, {"A", "B", "OR", "SA"}}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"missing column", workbook(t, noZIP, nsCodes), `d.xlsx:Facilities!A1: the header row has no column zip`},
		{"no code sheet", workbook(t, nsFacilities(), nil), `d.xlsx: no "Service Code Reference" sheet`},
		{"code sheet without codes", workbook(t, nsFacilities(), [][]any{{"x", "y"}}), `d.xlsx:Service Code Reference!A1: no header row with a column named service_code`},
		{"no header", workbook(t, [][]any{{"a", "b"}}, nsCodes), `d.xlsx:Facilities!A1: no header row naming the columns`},
		{"not a workbook", []byte("name1,city\n"), `d.xlsx: not an .xlsx workbook`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadNSUMHSS("d.xlsx", tc.data)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v\nwant %s…", err, tc.want)
			}
		})
	}
}
