package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"treatmentdir/internal/build"
)

// badExportSite has an unknown level in its second center.
const badExportSite = `
-- content/_index.md --
+++
title = "Home"
+++
-- content/levels/iop.md --
+++
title = "Intensive outpatient"
weight = 1
+++
-- content/facets.toml --
[payment.medicaid]
label = "Medicaid"
-- data/centers.csv --
id,name,city,state,zip,levels
one,Example One,Springfield,IL,62701,iop
two,Example Two,Springfield,IL,62701,iopp
`

// TestExportHugoStopsOnBadData checks that bad data stops gen export-hugo
// as it stops a build: every error as path:line:column, exit status 1, and
// no output folder, not even a temporary one.
func TestExportHugoStopsOnBadData(t *testing.T) {
	root := writeExportSite(t, badExportSite)
	out := filepath.Join(t.TempDir(), "hugo")
	var stdout, stderr bytes.Buffer
	err := run([]string{"export-hugo", "-root", root, out}, &stdout, &stderr)
	var errs build.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("gen export-hugo = %v, want the data's errors", err)
	}
	want := regexp.MustCompile(`^` + regexp.QuoteMeta(root) + `/data/centers\.csv:3:\d+: unknown level "iopp"`)
	if !want.MatchString(err.Error()) {
		t.Errorf("error %q does not match %s", err, want)
	}
	if code := exitCode(err, io.Discard); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) > 0 {
		t.Errorf("a stopped export wrote %s", entries[0].Name())
	}
}

// TestExportHugoUsage checks that the output folder is required.
func TestExportHugoUsage(t *testing.T) {
	for _, args := range [][]string{{"export-hugo"}, {"export-hugo", "a", "b"}} {
		err := run(args, io.Discard, io.Discard)
		if code := exitCode(err, io.Discard); code != 2 {
			t.Errorf("gen %s: exit status %d, want 2", strings.Join(args, " "), code)
		}
	}
}

// writeExportSite writes a txtar site to a temporary folder and returns it.
func writeExportSite(t *testing.T, archive string) string {
	t.Helper()
	fsys, err := txtar.FS(txtar.Parse([]byte(archive)))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.CopyFS(root, fsys); err != nil {
		t.Fatal(err)
	}
	return root
}
