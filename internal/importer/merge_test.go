package importer

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ftFile writes a FindTreatment page of the given rows.
func ftFile(t *testing.T, dir, name string, rows ...map[string]any) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"page": 1, "totalPages": 1, "recordCount": len(rows), "rows": rows})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// ftRowOf is a substance use facility with the given fields changed.
func ftRowOf(frid, name string, changes map[string]any) map[string]any {
	r := map[string]any{"frid": frid, "name1": name, "name2": "", "street1": "1 Main St", "street2": "",
		"city": "Springfield", "state": "IL", "zip": "62701", "phone": "217-555-0100", "intake1": "",
		"website": "http://", "latitude": "39.8", "longitude": "-89.6", "typeFacility": "SA",
		"services": []map[string]string{{"f1": "Service Settings", "f2": "SET", "f3": "Outpatient; Intensive outpatient treatment"}}}
	for k, v := range changes {
		r[k] = v
	}
	return r
}

const maintainerRow = "my-own-center-springfield,My Own Center,2 Elm St,Springfield,IL,62701,,,(217) 555-0111,,,outpatient,,,,,,,,2026-01-02,,,my note\n"

const otherSourceRow = "zeta-place-springfield,Zeta Place,3 Elm St,Springfield,IL,62701,,,,,,iop,,,,,,,,,County list,zzz,\n"

// existingCSV is a centers file as a first import and a maintainer's
// edits left it: a verified date, a column of their own, a row of their own.
func existingCSV(t *testing.T, dir string) string {
	t.Helper()
	data := filepath.Join(dir, "centers.csv")
	src := ftFile(t, dir, "first.json", ftRowOf("aaa", "Alpha House", nil), ftRowOf("bbb", "Beta Clinic", nil))
	if _, err := runImport(t, Options{Source: "findtreatment", Inputs: []string{src}, DataPath: data}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(data)
	s := strings.Replace(string(b), "source_id\n", "source_id,notes\n", 1)
	s = strings.Replace(s, ",,SAMHSA FindTreatment.gov,aaa\n", ",2026-05-01,SAMHSA FindTreatment.gov,aaa,call first\n", 1)
	s = strings.Replace(s, ",bbb\n", ",bbb,\n", 1) + maintainerRow + otherSourceRow
	if err := os.WriteFile(data, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return data
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name  string
		rows  []map[string]any
		prune bool
		check func(t *testing.T, rows []map[string]string, out string)
	}{
		{"changed phone keeps id, verified and own columns", []map[string]any{
			ftRowOf("aaa", "Alpha House", map[string]any{"phone": "217-555-0199"}), ftRowOf("bbb", "Beta Clinic", nil)},
			false, func(t *testing.T, rows []map[string]string, out string) {
				r := bySourceID(rows, "aaa")
				if r["id"] != "alpha-house-springfield" || r["phone"] != "217-555-0199" || r["verified"] != "2026-05-01" || r["notes"] != "call first" {
					t.Errorf("row %v", r)
				}
				if !strings.Contains(out, "added 0, updated 1, unchanged 1") {
					t.Errorf("report:\n%s", out)
				}
			}},
		{"renamed facility matched by source_id", []map[string]any{
			ftRowOf("aaa", "Alpha Recovery House", nil), ftRowOf("bbb", "Beta Clinic", nil)},
			false, func(t *testing.T, rows []map[string]string, out string) {
				r := bySourceID(rows, "aaa")
				if r["id"] != "alpha-house-springfield" || r["name"] != "Alpha Recovery House" {
					t.Errorf("row %v", r)
				}
			}},
		{"gone facility kept and reported", []map[string]any{ftRowOf("aaa", "Alpha House", nil)},
			false, func(t *testing.T, rows []map[string]string, out string) {
				if bySourceID(rows, "bbb") == nil || len(rows) != 4 {
					t.Errorf("Beta Clinic not kept: %v", rows)
				}
				if !strings.Contains(out, "kept although gone from the source: beta-clinic-springfield") {
					t.Errorf("report:\n%s", out)
				}
			}},
		{"gone facility removed with prune", []map[string]any{ftRowOf("aaa", "Alpha House", nil)},
			true, func(t *testing.T, rows []map[string]string, out string) {
				if bySourceID(rows, "bbb") != nil || len(rows) != 3 {
					t.Errorf("Beta Clinic not removed: %v", rows)
				}
			}},
		{"a row of another source is not gone", []map[string]any{ftRowOf("aaa", "Alpha House", nil), ftRowOf("bbb", "Beta Clinic", nil)},
			true, func(t *testing.T, rows []map[string]string, out string) {
				if r := bySourceID(rows, "zzz"); r == nil || r["source"] != "County list" {
					t.Errorf("the other source's row was removed: %v", rows)
				}
			}},
		{"new facility with a taken id gets a suffix", []map[string]any{ftRowOf("aaa", "Alpha House", nil),
			ftRowOf("bbb", "Beta Clinic", nil), ftRowOf("ccc", "Alpha House", map[string]any{"street1": "9 Oak St"})},
			false, func(t *testing.T, rows []map[string]string, out string) {
				if r := bySourceID(rows, "ccc"); r == nil || r["id"] != "alpha-house-springfield-2" {
					t.Errorf("row %v", r)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			data := existingCSV(t, dir)
			src := ftFile(t, dir, "next.json", tc.rows...)
			out, err := runImport(t, Options{Source: "findtreatment", Inputs: []string{src}, DataPath: data, Prune: tc.prune})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(data)
			if !strings.Contains(string(b), maintainerRow) {
				t.Errorf("the maintainer's own row changed:\n%s", b)
			}
			tc.check(t, readRows(t, data), out)
		})
	}
}

// TestImportTwiceSameBytes: a re-import of the same data changes nothing,
// in any order of its pages.
func TestImportTwiceSameBytes(t *testing.T) {
	dir := t.TempDir()
	data := existingCSV(t, dir)
	a := ftFile(t, dir, "a.json", ftRowOf("aaa", "Alpha House", nil), ftRowOf("ccc", "Gamma Place", nil))
	b := ftFile(t, dir, "b.json", ftRowOf("bbb", "Beta Clinic", nil), ftRowOf("ddd", "Gamma Place", nil))
	var got [][]byte
	for _, inputs := range [][]string{{a, b, sample}, {a, b, sample}, {sample, b, a}} {
		if _, err := runImport(t, Options{Source: "findtreatment", Inputs: inputs, DataPath: data}); err != nil {
			t.Fatal(err)
		}
		content, _ := os.ReadFile(data)
		got = append(got, content)
	}
	if !bytes.Equal(got[0], got[1]) || !bytes.Equal(got[1], got[2]) {
		t.Errorf("imports differ:\n%s\n----\n%s", got[0], got[2])
	}
}

// TestBadInputWritesNothing: a truncated page among good ones is an error
// naming the file, line and column, and the CSV stays as it was.
func TestBadInputWritesNothing(t *testing.T) {
	dir := t.TempDir()
	data := existingCSV(t, dir)
	before, _ := os.ReadFile(data)
	whole, _ := os.ReadFile(sample)
	cut := filepath.Join(dir, "cut.json")
	os.WriteFile(cut, whole[:len(whole)/2], 0o644)
	_, err := runImport(t, Options{Source: "findtreatment", Inputs: []string{sample, cut}, DataPath: data, ReportPath: filepath.Join(dir, "r.md")})
	if err == nil || !strings.Contains(err.Error(), cut+":") || !strings.Contains(err.Error(), "ends too early") {
		t.Fatalf("error %v", err)
	}
	after, _ := os.ReadFile(data)
	if !bytes.Equal(before, after) {
		t.Error("the CSV changed")
	}
	if _, err := os.Stat(filepath.Join(dir, "r.md")); err == nil {
		t.Error("a report was written")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
