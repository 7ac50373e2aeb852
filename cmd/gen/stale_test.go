package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestStaleGolden holds gen stale's call list, in each format and with
// -days, to the golden files in testdata/stale.
func TestStaleGolden(t *testing.T) {
	site := exampleSite(t)
	data := filepath.Join("testdata", "stale", "centers.csv")
	tests := []struct {
		golden string
		args   []string
	}{
		{"default.md", nil},
		{"default.csv", []string{"-format", "csv"}},
		{"days-10.csv", []string{"-days", "10", "-format", "csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			args := append([]string{"stale", "-root", site, "-data", data, "-now", "2026-07-20"}, tt.args...)
			code, stdout, stderr := gen(args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden := filepath.Join("testdata", "stale", tt.golden)
			if *update {
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if stdout != string(want) {
				t.Errorf("gen %v:\n%s\nwant (%s):\n%s", args[1:], stdout, golden, want)
			}
		})
	}
}

func TestStaleUsage(t *testing.T) {
	site := exampleSite(t)
	for _, args := range [][]string{
		{"stale", "-root", site, "-format", "html"},
		{"stale", "-root", site, "-days", "-3"},
		{"stale", "-root", site, "-now", "20 July 2026"},
		{"stale", "-root", site, "extra"},
	} {
		if code, _, stderr := gen(args...); code != 2 {
			t.Errorf("gen %v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
}

// TestBuildPrintsStaleCount checks the line after the summary.
func TestBuildPrintsStaleCount(t *testing.T) {
	site := exampleSite(t)
	data := filepath.Join("testdata", "stale", "centers.csv")
	code, stdout, stderr := gen("-root", site, "-data", data, "-out", t.TempDir(), "-now", "2026-07-20", "-cache", "off")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "stale: 3 of 4 centers not checked in 365 days or never (gen stale lists them)\n"
	if len(stdout) < len(want) || stdout[len(stdout)-len(want):] != want {
		t.Errorf("build printed %q, want it to end with %q", stdout, want)
	}
}
