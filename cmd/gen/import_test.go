package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const ftSample = "../../internal/importer/testdata/findtreatment-sample-2019.json"

// TestImportCommand runs gen import as a maintainer does: the sample
// locator export into a new CSV, which gen check then accepts, with the
// report printed and written as Markdown.
func TestImportCommand(t *testing.T) {
	site := exampleSite(t)
	data := filepath.Join(t.TempDir(), "centers.csv")
	md := filepath.Join(t.TempDir(), "import.md")
	code, out, errOut := gen("import", "findtreatment", ftSample, "-root", site, "-data", data, "-report", md)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, s := range []string{"import findtreatment: 30 facilities read", "added 14,", "16  not substance use treatment"} {
		if !strings.Contains(out, s) {
			t.Errorf("the report lacks %q:\n%s", s, out)
		}
	}
	if b, err := os.ReadFile(md); err != nil || !strings.Contains(string(b), "| added | 14 |") {
		t.Errorf("-report: %v\n%s", err, b)
	}
	if code, out, errOut := gen("check", "-root", site, "-data", data); code != 0 || !strings.Contains(out, "ok: 14 centers") {
		t.Errorf("gen check of the imported CSV: exit %d\n%s%s", code, out, errOut)
	}
	before, _ := os.ReadFile(data)
	if code, _, errOut := gen("import", "findtreatment", "-all", "-data", data, "-root", site, ftSample); code != 0 {
		t.Fatalf("flags before the input: exit %d\n%s", code, errOut)
	}
	after, _ := os.ReadFile(data)
	if n := strings.Count(string(after), "\n") - 1; n != 30 || len(after) <= len(before) {
		t.Errorf("with -all: %d rows, want 30", n)
	}
}

// TestImportDefaultData: without -data the import goes into the site's
// own data/centers.csv, created when missing.
func TestImportDefaultData(t *testing.T) {
	site := exampleSite(t)
	os.Remove(filepath.Join(site, "data", "centers.csv"))
	if code, out, errOut := gen("import", "findtreatment", ftSample, "-root", site); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := gen("check", "-root", site); code != 0 || !strings.Contains(out, "ok: 14 centers") {
		t.Errorf("gen check: exit %d\n%s%s", code, out, errOut)
	}
}

// TestImportCSVCommand: a messy spreadsheet export (byte-order mark,
// CRLF, "Facility Name" headers, a two-line address, state names, a ZIP
// code that lost its zero, "IOP, Outpatient", an extension, the level's
// own title) with -map given after the file as the README shows it: a
// CSV that gen check accepts, every fix counted in the report.
func TestImportCSVCommand(t *testing.T) {
	site := exampleSite(t)
	dir := t.TempDir()
	sheet := filepath.Join(dir, "centers.csv")
	os.WriteFile(sheet, []byte("\uFEFFFacility Name,Address,City,State,ZIP,Phone,Services,Notes\r\n"+
		"Hope House,\"12 Main St\nSuite 4\",Columbus,Ohio,43215,614-555-0142 ext. 4,\"IOP, Outpatient\",x\r\n"+
		"River Clinic,1 Elm St,Medford,Massachusetts,2155,(781) 555-0199,Intensive outpatient (IOP),y\r\n"), 0o644)
	data := filepath.Join(dir, "out.csv")
	code, out, errOut := gen("import", "csv", sheet, "-root", site, "-data", data,
		"-map", "Facility Name=name,Address=street,Services=levels")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	b, _ := os.ReadFile(data)
	for _, s := range []string{"hope-house-columbus,Hope House,\"12 Main St, Suite 4\",Columbus,OH,43215,,,614-555-0142 ext. 4,,,iop;outpatient,",
		"river-clinic-medford,River Clinic,1 Elm St,Medford,MA,02155,,,(781) 555-0199,,,iop,"} {
		if !strings.Contains(string(b), s) {
			t.Errorf("the CSV lacks %q:\n%s", s, b)
		}
	}
	for _, s := range []string{"2  state name turned into its USPS code", "1  ZIP code restored to five digits",
		"1  line breaks in an address joined", "1  list separated by commas split", `column "Notes" is not imported`} {
		if !strings.Contains(out, s) {
			t.Errorf("the report lacks %q:\n%s", s, out)
		}
	}
	code, out, errOut = gen("check", "-root", site, "-data", data)
	if code != 0 || !strings.Contains(errOut, "data/zips.csv: 2; their pages say the location is approximate") {
		t.Errorf("gen check of the imported CSV: exit %d\n%s%s", code, out, errOut)
	}
}

func TestImportUsage(t *testing.T) {
	site := exampleSite(t)
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"rows": [`), 0o644)
	data := filepath.Join(site, "data", "centers.csv")
	before, _ := os.ReadFile(data)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no source", []string{"import"}, 2, "import needs a source"},
		{"unknown source", []string{"import", "samhsa", "x.json"}, 2, `unknown import source "samhsa"`},
		{"hsds package missing", []string{"import", "hsds", filepath.Join(site, "no-package"), "-root", site}, 1, "no-package"},
		{"no input", []string{"import", "findtreatment", "-root", site}, 2, "needs at least one input file"},
		{"-map outside csv", []string{"import", "findtreatment", ftSample, "-map", "A=name"}, 2, "-map is for the csv source only"},
		{"unknown flag", []string{"import", "findtreatment", ftSample, "-nope"}, 2, "flag provided but not defined"},
		{"bad JSON leaves the CSV", []string{"import", "findtreatment", bad, "-root", site}, 1, "nothing imported, " + data + " left as it was"},
		{"missing input", []string{"import", "findtreatment", filepath.Join(site, "nope.json"), "-root", site}, 1, "nope.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := gen(tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.stderr) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, tc.code, tc.stderr, errOut)
			}
		})
	}
	if after, _ := os.ReadFile(data); string(after) != string(before) {
		t.Error("a failed import changed the centers CSV")
	}
}
