package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// sample is one run of a child process.
type sample struct {
	wall    time.Duration
	peakKB  int64 // peak resident memory
	written int   // files the generator wrote, from its summary line
}

// sizeResult is what was measured for one data set.
type sizeResult struct {
	n       int
	pages   int
	full    sample // medians
	rebuild sample
}

// results is the whole benchmark.
type results struct {
	sizes  []sizeResult
	hugo   *sample // nil when Hugo was not run
	hugoV  string
	tmpfs  bool
	runs   int
	hugoRs int
}

func (b *bench) measure() (*results, error) {
	if err := os.MkdirAll(b.o.out, 0o755); err != nil {
		return nil, err
	}
	if !b.o.keepFiles {
		defer os.RemoveAll(b.o.out)
	}
	if err := b.buildGenerator(); err != nil {
		return nil, err
	}
	res := &results{tmpfs: onTmpfs(b.o.out), runs: b.o.runs, hugoRs: b.o.hugoRuns}
	var first []byte
	for i, n := range b.o.sizes {
		r, csv, err := b.measureSize(n)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			first = csv
		}
		res.sizes = append(res.sizes, *r)
	}
	hugo, version := b.findHugo()
	if hugo != "" {
		s, err := b.measureHugo(hugo, first)
		if err != nil {
			return nil, err
		}
		res.hugo, res.hugoV = s, version
	}
	return res, nil
}

// buildGenerator compiles cmd/gen once, so that no run pays for it.
func (b *bench) buildGenerator() error {
	b.gen = filepath.Join(b.o.out, "gen")
	cmd := exec.Command("go", "build", "-o", b.gen, "./cmd/gen")
	cmd.Dir = b.root
	cmd.Stderr = b.log
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building the generator: %w", err)
	}
	return nil
}

// measureSize runs full builds and one-row rebuilds on n centers.
func (b *bench) measureSize(n int) (*sizeResult, []byte, error) {
	fmt.Fprintf(b.log, "bench: %d centers\n", n)
	site, csv, err := b.makeSite(n)
	if err != nil {
		return nil, nil, err
	}
	changed, err := changeOneRow(csv)
	if err != nil {
		return nil, nil, err
	}
	out := filepath.Join(b.o.out, fmt.Sprintf("public-%d", n))
	cache := filepath.Join(b.o.out, fmt.Sprintf("cache-%d", n))
	r := &sizeResult{n: n}
	var fulls, rebuilds []sample
	for range b.o.runs {
		// A full build starts from nothing: no output and no cache.
		for _, dir := range []string{out, cache} {
			if err := os.RemoveAll(dir); err != nil {
				return nil, nil, err
			}
		}
		s, err := b.runGen(site, out, cache, &r.pages)
		if err != nil {
			return nil, nil, err
		}
		fulls = append(fulls, s)
	}
	for i := range b.o.runs {
		data := changed
		if i%2 == 1 {
			data = csv // and back: every rebuild follows a change to one row
		}
		if err := os.WriteFile(filepath.Join(site, "data", "centers.csv"), data, 0o644); err != nil {
			return nil, nil, err
		}
		s, err := b.runGen(site, out, cache, &r.pages)
		if err != nil {
			return nil, nil, err
		}
		rebuilds = append(rebuilds, s)
	}
	r.full, r.rebuild = median(fulls), median(rebuilds)
	return r, csv, nil
}

var summaryRE = regexp.MustCompile(`built ([\d,]+) pages from [\d,]+ centers: ([\d,]+) written`)

// runGen builds site into out with the generator, keeping its cache in
// the folder cache, and reads its summary.
func (b *bench) runGen(site, out, cache string, pages *int) (sample, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(b.gen, "-root", site, "-out", out, "-cache", cache, "-base-url", "https://treatment.example.org/")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	s, err := timeChild(cmd)
	if err != nil {
		return s, fmt.Errorf("gen: %v\n%s", err, stderr.String())
	}
	m := summaryRE.FindStringSubmatch(stdout.String())
	if m == nil {
		return s, fmt.Errorf("gen printed no summary: %q", stdout.String())
	}
	*pages = atoi(m[1])
	s.written = atoi(m[2])
	fmt.Fprintf(b.log, "bench:   %s (%.2f s, %d MB)\n", strings.TrimSpace(stdout.String()), s.wall.Seconds(), s.peakKB/1024)
	return s, nil
}

// timeChild runs cmd and measures its wall time and peak memory.
func timeChild(cmd *exec.Cmd) (sample, error) {
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start)}
	if cmd.ProcessState != nil {
		s.peakKB = peakRSS(cmd.ProcessState)
	}
	return s, err
}

// median takes the median of each figure separately.
func median(ss []sample) sample {
	pick := func(f func(sample) int64) int64 {
		v := make([]int64, len(ss))
		for i, s := range ss {
			v[i] = f(s)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return sample{
		wall:    time.Duration(pick(func(s sample) int64 { return int64(s.wall) })),
		peakKB:  pick(func(s sample) int64 { return s.peakKB }),
		written: int(pick(func(s sample) int64 { return int64(s.written) })),
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	return n
}
