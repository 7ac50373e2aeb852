package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffCommand runs gen diff as a user would and checks its output and
// exit status.
func TestDiffCommand(t *testing.T) {
	dir := t.TempDir()
	oldCSV := filepath.Join(dir, "old.csv")
	newCSV := filepath.Join(dir, "new.csv")
	badCSV := filepath.Join(dir, "bad.csv")
	write := func(name, data string) {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(oldCSV, "id,name,city,state,levels\na-example,A Example,Boston,MA,iop\n")
	write(newCSV, "id,name,city,state,levels\na-example,A Example,Boston,MA,iop;php\nb-example,B Example,Austin,TX,detox\n")
	write(badCSV, "id,name\na-example,\"A\n")

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // contained in standard output
		stderr string // contained in standard error
	}{
		{name: "text", args: []string{"diff", oldCSV, newCSV}, code: 0,
			stdout: "1 added, 0 removed, 1 changed (of 1 → 2 centers)\n\nAdded\n  + b-example: B Example, Austin, TX\n"},
		{name: "no differences", args: []string{"diff", oldCSV, oldCSV}, code: 0,
			stdout: "0 added, 0 removed, 0 changed (of 1 → 1 centers)\n"},
		{name: "markdown before files", args: []string{"diff", "-format", "markdown", oldCSV, newCSV}, code: 0,
			stdout: "| `b-example` | B Example | Austin | TX |"},
		{name: "markdown after files", args: []string{"diff", oldCSV, newCSV, "-format=markdown"}, code: 0,
			stdout: "- `a-example` A Example\n  - levels: added \"php\"\n"},
		{name: "malformed", args: []string{"diff", oldCSV, badCSV}, code: 1,
			stderr: badCSV + ":2:"},
		{name: "missing file", args: []string{"diff", oldCSV, filepath.Join(dir, "nope.csv")}, code: 1,
			stderr: "reading " + filepath.Join(dir, "nope.csv")},
		{name: "one file", args: []string{"diff", oldCSV}, code: 2, stderr: "usage:"},
		{name: "three files", args: []string{"diff", oldCSV, newCSV, newCSV}, code: 2, stderr: "got 3"},
		{name: "unknown format", args: []string{"diff", "-format", "html", oldCSV, newCSV}, code: 2, stderr: `-format "html"`},
		{name: "unknown flag", args: []string{"diff", "-x", oldCSV, newCSV}, code: 2, stderr: "usage:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := exitCode(run(tt.args, &stdout, &stderr), &stderr)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout %q does not contain %q", stdout.String(), tt.stdout)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.stderr)
			}
		})
	}
}
