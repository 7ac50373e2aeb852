package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// hostCosts is what two operations a build makes tens of thousands of
// times cost on this machine. They tell a slower machine from slower
// code: the same generator, on the same virtual machine, took three times
// as long for a rebuild on a day its first touch of a page cost 22 µs.
type hostCosts struct {
	firstTouch time.Duration // a first write to a 4 KB page of fresh memory
	fileStatus time.Duration // an lstat of a file in the output folder
}

func (h hostCosts) String() string {
	return fmt.Sprintf("a first touch of a 4 KB page %.1f µs, a file status %.1f µs",
		micros(h.firstTouch), micros(h.fileStatus))
}

func micros(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1000 }

// probeHost measures hostCosts, each the median of five rounds, with
// files made in the folder dir (the benchmark's output folder, where the
// generator's files go).
func probeHost(dir string) (hostCosts, error) {
	const rounds = 5
	var touches, stats []time.Duration
	root, files, err := probeFiles(dir, 2000)
	if err != nil {
		return hostCosts{}, err
	}
	defer os.RemoveAll(root)
	for range rounds {
		touch, err := touchFresh(32 << 20)
		if err != nil {
			return hostCosts{}, err
		}
		stat, err := statAll(files)
		if err != nil {
			return hostCosts{}, err
		}
		touches, stats = append(touches, touch), append(stats, stat)
	}
	slices.Sort(touches)
	slices.Sort(stats)
	return hostCosts{firstTouch: touches[rounds/2], fileStatus: stats[rounds/2]}, nil
}

// touchFresh maps n bytes of memory from the system, writes one byte of
// each 4 KB page, and returns the time a page took.
func touchFresh(n int) (time.Duration, error) {
	b, err := freshMemory(n)
	if err != nil {
		return 0, err
	}
	defer releaseMemory(b)
	start := time.Now()
	for i := 0; i < n; i += 4096 {
		b[i] = 1
	}
	return time.Since(start) / time.Duration(n/4096), nil
}

// probeFiles makes n empty files in a new folder under dir, root, each
// in a folder of its own as center pages are.
func probeFiles(dir string, n int) (root string, files []string, err error) {
	root, err = os.MkdirTemp(dir, "host-probe-")
	if err != nil {
		return "", nil, err
	}
	files = make([]string, n)
	for i := range files {
		sub := filepath.Join(root, fmt.Sprintf("c%04d", i))
		if err := os.Mkdir(sub, 0o755); err != nil {
			os.RemoveAll(root)
			return "", nil, err
		}
		files[i] = filepath.Join(sub, "index.html")
		if err := os.WriteFile(files[i], nil, 0o644); err != nil {
			os.RemoveAll(root)
			return "", nil, err
		}
	}
	return root, files, nil
}

// statAll lstats every file and returns the time one took.
func statAll(files []string) (time.Duration, error) {
	start := time.Now()
	for _, f := range files {
		if _, err := os.Lstat(f); err != nil {
			return 0, err
		}
	}
	return time.Since(start) / time.Duration(len(files)), nil
}
