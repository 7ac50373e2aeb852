package main

import "testing"

// TestGCCeiling holds the memory limits of the benchmark's sizes to the
// targets: 150 MB at 20,000 centers, 400 MB at 100,000, with room for
// what the runtime holds besides the limit (about 10 MB).
func TestGCCeiling(t *testing.T) {
	cases := []struct {
		name    string
		size    int64 // bytes of the centers file
		atLeast int64
		atMost  int64
	}{
		{"tiny site", 10_000, 128 << 20, 128 << 20},
		{"20,000 centers", 6_967_368, 128 << 20, 140 << 20},
		{"100,000 centers", 34_885_911, 300 << 20, 390 << 20},
		{"1,000,000 centers", 348_859_110, 3 << 30, 4 << 30},
	}
	for _, tc := range cases {
		if got := gcCeiling(tc.size); got < tc.atLeast || got > tc.atMost {
			t.Errorf("%s: ceiling %d MiB, want %d to %d MiB", tc.name, got>>20, tc.atLeast>>20, tc.atMost>>20)
		}
	}
}
