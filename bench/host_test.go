package main

import (
	"os"
	"strings"
	"testing"
)

// TestProbeHost measures both costs, says them in the conditions line,
// and leaves nothing in the folder.
func TestProbeHost(t *testing.T) {
	dir := t.TempDir()
	h, err := probeHost(dir)
	if err != nil {
		t.Fatal(err)
	}
	if h.firstTouch <= 0 || h.fileStatus <= 0 {
		t.Errorf("probeHost = %+v, want both costs above zero", h)
	}
	line := conditions(&results{host: h, runs: 3})
	if !strings.Contains(line, "a first touch of a 4 KB page ") || !strings.Contains(line, " µs, a file status ") {
		t.Errorf("conditions = %q, want the host's costs", line)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left %d entries in the folder", len(left))
	}
}
