package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"treatmentdir/internal/build"
)

// TestImportedCSVBuilds: the CSV an import writes is one the build
// accepts, with the repository's own content/ and ZIP table; N-SUMHSS
// rows are placed at their ZIP centroids from data/zips.csv, all but the
// one whose ZIP code the table lacks.
func TestImportedCSVBuilds(t *testing.T) {
	root := filepath.Join("..", "..")
	dir := t.TempDir()
	zips, err := LoadZIPs(filepath.Join(root, "data", "zips.csv"))
	if err != nil {
		t.Fatal(err)
	}
	xlsx := filepath.Join(dir, "d.xlsx")
	os.WriteFile(xlsx, workbook(t, nsFacilities(), nsCodes), 0o644)
	data := filepath.Join(dir, "centers.csv")
	for _, opts := range []Options{
		{Source: "findtreatment", Inputs: []string{sample}, DataPath: data},
		{Source: "nsumhss", Inputs: []string{xlsx}, DataPath: data, Zips: zips},
	} {
		if out, err := runImport(t, opts); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
	}
	cfg, err := build.LoadConfig(os.DirFS(root), root)
	if err != nil {
		t.Fatal(err)
	}
	cfg.DataFS, cfg.DataName, cfg.Data.Centers = os.DirFS(dir), data, "centers.csv"
	// The one workbook row whose ZIP code the table lacks, which the
	// import warned about, has no place: the build refuses it alone.
	_, err = build.Load(os.DirFS(root), cfg)
	if err == nil || strings.Count(err.Error(), "\n") != 0 ||
		!strings.Contains(err.Error(), `center "nowhere-house-somewhere" has no lat/lon and its ZIP code 79999 is not in`) {
		t.Fatalf("want the build to refuse the unplaced row alone, got %v", err)
	}
	b, _ := os.ReadFile(data)
	var kept []string
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if !strings.HasPrefix(line, "nowhere-house-somewhere,") {
			kept = append(kept, line)
		}
	}
	os.WriteFile(data, []byte(strings.Join(kept, "")), 0o644)
	s, err := build.Load(os.DirFS(root), cfg)
	if err != nil {
		t.Fatalf("the build refuses the imported CSV: %v", err)
	}
	if len(s.Centers) != 14+2 {
		t.Errorf("%d centers, want 16", len(s.Centers))
	}
	t.Logf("warnings: %q", s.Warnings)
}
