package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"
)

// nationalSize is about the number of substance use facilities in the
// National Directory.
const nationalSize = 14000

// syntheticDirectory writes a workbook of n facilities in the National
// Directory's shape, with the labels and ZIP codes a real one has.
func syntheticDirectory(b *testing.B, path string, n int) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Facilities")
	sw, err := f.NewStreamWriter("Facilities")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", nsHeader)
	services := []string{"SA * OP * OIT * MD * SF", "SA * RES * MI * MD", "SA * OP * SI * ZZ", "OP * MD"}
	for i := range n {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{fmt.Sprintf("Facility %d", i), "", fmt.Sprintf("%d Main St", i), "", fmt.Sprintf("Town %d", i%900),
			"OR", 97401 + i%50, "541-555-0100", "", "www.example.org", "SA", services[i%len(services)]}
		if err := sw.SetRow(ref, row); err != nil {
			b.Fatal(err)
		}
	}
	sw.Flush()
	f.NewSheet(codeSheet)
	for i, row := range nsCodes {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow(codeSheet, ref, &row)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkImportNational imports a national-size workbook into a new
// CSV, then again into the CSV it made (the re-import a maintainer runs
// each year). Files live on /dev/shm when it exists, so the disk is not
// measured.
func BenchmarkImportNational(b *testing.B) {
	dir := b.TempDir()
	if _, err := os.Stat("/dev/shm"); err == nil {
		dir, _ = os.MkdirTemp("/dev/shm", "importer-bench-")
		defer os.RemoveAll(dir)
	}
	in := filepath.Join(dir, "directory.xlsx")
	syntheticDirectory(b, in, nationalSize)
	zips := func(string) (string, string, bool) { return "44.06", "-123.08", true }
	for _, again := range []bool{false, true} {
		name := map[bool]string{false: "new", true: "reimport"}[again]
		b.Run(name, func(b *testing.B) {
			data := filepath.Join(dir, name+".csv")
			opts := Options{Source: "nsumhss", Inputs: []string{in}, DataPath: data, Zips: zips}
			if again {
				runImport(b, opts)
			}
			var peak uint64
			b.ReportAllocs()
			for b.Loop() {
				if !again {
					os.Remove(data)
				}
				if _, err := runImport(b, opts); err != nil {
					b.Fatal(err)
				}
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			b.ReportMetric(float64(peak)/(1<<20), "MB-heap-inuse")
		})
	}
}
