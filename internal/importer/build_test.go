package importer

import (
	"os"
	"path/filepath"
	"testing"

	"treatmentdir/internal/build"
)

// TestImportedCSVBuilds: the CSV an import writes is one the build
// accepts, with the repository's own content/ and ZIP table; N-SUMHSS
// rows are placed at their ZIP centroids from data/zips.csv.
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
	s, err := build.Load(os.DirFS(root), cfg)
	if err != nil {
		t.Fatalf("the build refuses the imported CSV: %v", err)
	}
	if len(s.Centers) != 14+3 {
		t.Errorf("%d centers, want 17", len(s.Centers))
	}
	t.Logf("warnings: %q", s.Warnings)
}
