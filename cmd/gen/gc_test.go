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

// TestPrefaultSize faults in what a build fills anyway: nothing for a
// small site, the heap a build keeps per byte of the file for 20,000
// centers, and never more than three quarters of the ceiling.
func TestPrefaultSize(t *testing.T) {
	cases := []struct {
		name         string
		size         int64
		atLeast, max int64
	}{
		{"tiny site", 10_000, 0, 0},
		{"1,000 centers", 350_000, 0, 0},
		{"20,000 centers", 6_967_368, 64 << 20, 80 << 20},
		{"100,000 centers", 34_885_911, 256 << 20, gcCeiling(34_885_911) / 4 * 3},
	}
	for _, tc := range cases {
		got := prefaultSize(tc.size)
		if got < tc.atLeast || got > tc.max {
			t.Errorf("%s: %d MiB, want %d to %d MiB", tc.name, got>>20, tc.atLeast>>20, tc.max>>20)
		}
		if got > gcCeiling(tc.size)/4*3 {
			t.Errorf("%s: %d MiB is more than three quarters of the ceiling", tc.name, got>>20)
		}
	}
}
