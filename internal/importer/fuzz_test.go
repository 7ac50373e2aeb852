package importer

import (
	"os"
	"testing"
)

// FuzzReadFindTreatment: any bytes give facilities or an error with a
// place, never a panic.
func FuzzReadFindTreatment(f *testing.F) {
	whole, err := os.ReadFile(sample)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(whole)
	f.Add(whole[:len(whole)/3])
	f.Add([]byte(`{"rows":[{"type_facility":"SA","services":null,"zip":6708,"latitude":1e999}]}`))
	f.Add([]byte(`{"rows":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := ReadFindTreatment("f.json", data)
		if err != nil {
			if ie, ok := err.(*InputError); !ok || ie.Path != "f.json" {
				t.Fatalf("error without its file: %v", err)
			}
			return
		}
		rep := newReport("findtreatment")
		m := newMapper(testVocabulary(t))
		for _, fac := range fs {
			if fac.Fields["source_id"] == "" {
				t.Fatal("a facility without source_id")
			}
			m.row(fac, SourceFindTreatment, true, rep)
		}
	})
}

// FuzzReadNSUMHSS: any bytes, and workbooks with any cell values, give
// facilities or an error, never a panic.
func FuzzReadNSUMHSS(f *testing.F) {
	good := workbook(f, nsFacilities(), nsCodes)
	f.Add(good, "SA * OP", "6708")
	f.Add(good[:len(good)/2], "", "")
	f.Add([]byte("PK\x03\x04"), "**", "97401.0")
	f.Fuzz(func(t *testing.T, data []byte, codes, zip string) {
		if fs, err := ReadNSUMHSS("f.xlsx", data); err == nil {
			for _, fac := range fs {
				newMapper(testVocabulary(t)).row(fac, SourceNSUMHSS, true, newReport("nsumhss"))
			}
		}
		rows := [][]any{nsHeader, {"N", "", "S", "", "C", "OR", zip, "", "", "", "SA", codes}}
		fs, err := ReadNSUMHSS("f.xlsx", workbook(t, rows, nsCodes))
		if err != nil || len(fs) > 1 {
			t.Fatalf("a well-formed workbook: %v, %d facilities", err, len(fs))
		}
	})
}
