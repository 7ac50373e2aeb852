package main

import (
	"strings"
	"testing"
)

// TestMemTarget checks the highest peak of the full builds and rebuilds
// against the size's target, and says nothing for a size without one.
func TestMemTarget(t *testing.T) {
	cases := []struct {
		name string
		r    sizeResult
		want string
	}{
		{"under", sizeResult{n: 100000, fullPeakKB: 380 << 10, rebuildPeakKB: 300 << 10}, "highest of the runs 380 MB; target at most 400 MB: met"},
		{"at", sizeResult{n: 100000, fullPeakKB: 400 << 10}, "target at most 400 MB: met"},
		{"rebuild over", sizeResult{n: 100000, fullPeakKB: 380 << 10, rebuildPeakKB: 401 << 10}, "highest of the runs 401 MB; target at most 400 MB: NOT met"},
		{"20,000 over", sizeResult{n: 20000, fullPeakKB: 151 << 10}, "target at most 150 MB: NOT met"},
		{"no target", sizeResult{n: 50000, fullPeakKB: 900 << 10}, ""},
	}
	for _, tc := range cases {
		got := memTarget(tc.r)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: memTarget = %q, want it to say %q", tc.name, got, tc.want)
		}
	}
}
