package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHSDSRoundTrip exports the example site as HSDS, imports the package
// into an empty CSV through the importer's merge, and holds gen diff of
// the two files to no change: names, addresses, phones, coordinates,
// levels, every facet, verified, source and source_id included.
func TestHSDSRoundTrip(t *testing.T) {
	root := filepath.Join("..", "..")
	dir := t.TempDir()
	pkg := filepath.Join(dir, "hsds")
	var out, errOut bytes.Buffer
	if err := run([]string{"export-hsds", "-root", root, pkg}, &out, &errOut); err != nil {
		t.Fatalf("export-hsds: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "exported 400 centers") {
		t.Errorf("export-hsds said %q", out.String())
	}
	imported := filepath.Join(dir, "centers.csv")
	importHSDS(t, root, pkg, imported)

	out.Reset()
	if err := run([]string{"diff", "-root", root, filepath.Join(root, "data", "centers.csv"), imported}, &out, &errOut); err != nil {
		t.Fatalf("diff: %v\n%s", err, errOut.String())
	}
	if first, _, _ := strings.Cut(out.String(), "\n"); first != "0 added, 0 removed, 0 changed (of 400 → 400 centers)" {
		t.Errorf("gen diff after the round trip:\n%s", out.String())
	}
}

// importHSDS imports the package into the CSV at data, as gen import hsds
// does.
func importHSDS(t *testing.T, root, pkg, data string) {
	t.Helper()
	var rep, errOut bytes.Buffer
	if err := run([]string{"import", "hsds", pkg, "-root", root, "-data", data}, &rep, &errOut); err != nil {
		t.Fatalf("gen import hsds: %v\n%s", err, errOut.String())
	}
	t.Logf("import report:\n%s", rep.String())
}

// TestExportHSDSStopsOnBadData: bad data stops gen export-hsds as it
// stops a build, with exit status 1 and nothing written; a missing or
// extra argument is a usage error.
func TestExportHSDSStopsOnBadData(t *testing.T) {
	root := writeExportSite(t, badExportSite)
	out := filepath.Join(t.TempDir(), "hsds")
	err := run([]string{"export-hsds", "-root", root, out}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `unknown level "iopp"`) {
		t.Fatalf("gen export-hsds = %v, want the data's errors", err)
	}
	if code := exitCode(err, io.Discard); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) > 0 {
		t.Errorf("a stopped export wrote %s", entries[0].Name())
	}
	for _, args := range [][]string{{"export-hsds"}, {"export-hsds", "a", "b"}} {
		if code := exitCode(run(args, io.Discard, io.Discard), io.Discard); code != 2 {
			t.Errorf("gen %s: exit status %d, want 2", strings.Join(args, " "), code)
		}
	}
}
