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
	// every run's wall time, sorted
	fullWalls, rebuildWalls []time.Duration
	// the full build's time over the first size's, run by run, sorted
	ratios []float64
	// the highest peak memory of the runs, full builds and rebuilds
	fullPeakKB, rebuildPeakKB int64
}

// setResult is one data set's sizes.
type setResult struct {
	name  string
	sizes []sizeResult
}

// results is the whole benchmark.
type results struct {
	sets   []setResult      // Hugo builds the first set's first size
	langs  *languagesResult // nil for a site of one language
	hugo   *sample          // nil when Hugo was not run
	hugoV  string
	tmpfs  bool
	host   hostCosts // measured before the builds
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
	host, err := probeHost(b.o.out)
	if err != nil {
		return nil, fmt.Errorf("measuring the host: %w", err)
	}
	res.host = host
	fmt.Fprintf(b.log, "bench: host: %s\n", host)
	var firstCSV string
	for _, set := range b.o.sets {
		b.o.set = set
		sr, csv, err := b.measureSet()
		if err != nil {
			return nil, err
		}
		res.sets = append(res.sets, sr)
		if firstCSV == "" {
			firstCSV = csv
		}
	}
	langs, err := b.measureLanguages(b.o.sizes[0], firstCSV)
	if err != nil {
		return nil, err
	}
	res.langs = langs
	hugo, version := b.findHugo()
	if hugo != "" {
		csv, err := os.ReadFile(firstCSV)
		if err != nil {
			return nil, err
		}
		s, err := b.measureHugo(hugo, csv)
		if err != nil {
			return nil, err
		}
		res.hugo, res.hugoV = s, version
	}
	return res, nil
}

// measureSet measures every size on the data set b.o.set, and returns the
// file of its first size's data.
func (b *bench) measureSet() (setResult, string, error) {
	res := setResult{name: b.o.set}
	sizes := make([]*sizeRuns, len(b.o.sizes))
	for i, n := range b.o.sizes {
		s, err := b.prepareSize(n)
		if err != nil {
			return res, "", err
		}
		sizes[i] = s
	}
	// The sizes take turns, run by run, so that a host slower for a while
	// slows every size alike and their ratio holds.
	for range b.o.runs {
		for _, s := range sizes {
			if err := b.fullBuild(s); err != nil {
				return res, "", err
			}
		}
	}
	for i := range b.o.runs {
		for _, s := range sizes {
			if err := b.rebuild(s, i); err != nil {
				return res, "", err
			}
		}
	}
	for _, s := range sizes {
		s.r.full, s.r.rebuild = median(s.fulls), median(s.rebuilds)
		s.r.fullWalls, s.r.rebuildWalls = walls(s.fulls), walls(s.rebuilds)
		s.r.ratios = ratios(s.fulls, sizes[0].fulls)
		s.r.fullPeakKB, s.r.rebuildPeakKB = highestPeak(s.fulls), highestPeak(s.rebuilds)
		res.sizes = append(res.sizes, s.r)
	}
	return res, sizes[0].csv, nil
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

// sizeRuns is one data set and its runs so far.
type sizeRuns struct {
	r               sizeResult
	site, out       string
	cache           string
	csv, changed    string // files beside the site: the data set, and it with one row changed
	fulls, rebuilds []sample
}

// prepareSize makes the site of n centers, with the data set and a copy
// with one row changed beside it. The data sets are made by this program
// run again (-make-data): a child process starts as a copy of this one,
// and the peak memory the system reports for it counts the largest this
// one ever was, so this one never holds a data set.
func (b *bench) prepareSize(n int) (*sizeRuns, error) {
	fmt.Fprintf(b.log, "bench: %d centers, data set %s\n", n, b.o.set)
	s := &sizeRuns{r: sizeResult{n: n},
		site:    filepath.Join(b.o.out, fmt.Sprintf("site-%s-%d", b.o.set, n)),
		csv:     dataFile(b.o.out, b.o.set, n, ""),
		changed: dataFile(b.o.out, b.o.set, n, "-changed"),
		out:     filepath.Join(b.o.out, fmt.Sprintf("public-%s-%d", b.o.set, n)),
		cache:   filepath.Join(b.o.out, fmt.Sprintf("cache-%s-%d", b.o.set, n))}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, "-make-data", strconv.Itoa(n), "-seed", strconv.FormatUint(b.o.seed, 10), "-set", b.o.set, "-out", b.o.out)
	cmd.Stdout, cmd.Stderr = b.log, b.log
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("making the data set of %d centers: %w", n, err)
	}
	return s, nil // each build copies in the data set it runs on
}

// dataFile is where prepareSize keeps the data set of n centers.
func dataFile(dir, set string, n int, suffix string) string {
	return filepath.Join(dir, fmt.Sprintf("centers-%s-%d%s.csv", set, n, suffix))
}

// writeData makes the site of n centers (-make-data), with the data set
// and the copy with one row changed beside it.
func (b *bench) writeData(n int) error {
	_, csv, err := b.makeSite(n)
	if err != nil {
		return err
	}
	changed, err := changeOneRow(csv)
	if err != nil {
		return err
	}
	if err := os.WriteFile(dataFile(b.o.out, b.o.set, n, ""), csv, 0o644); err != nil {
		return err
	}
	return os.WriteFile(dataFile(b.o.out, b.o.set, n, "-changed"), changed, 0o644)
}

// fullBuild builds from nothing: no output and no cache.
func (b *bench) fullBuild(s *sizeRuns) error {
	for _, dir := range []string{s.out, s.cache} {
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
	}
	sm, err := b.buildWith(s, s.csv)
	s.fulls = append(s.fulls, sm)
	return err
}

// rebuild builds after one row changed: every odd run changes it, every
// even run changes it back.
func (b *bench) rebuild(s *sizeRuns, run int) error {
	data := s.changed
	if run%2 == 1 {
		data = s.csv
	}
	sm, err := b.buildWith(s, data)
	s.rebuilds = append(s.rebuilds, sm)
	return err
}

// buildWith runs the generator on the site of s with the data set in the
// file data.
func (b *bench) buildWith(s *sizeRuns, data string) (sample, error) {
	if err := copyFile(data, filepath.Join(s.site, "data", "centers.csv")); err != nil {
		return sample{}, err
	}
	return b.runGen(s.site, s.out, s.cache, &s.r.pages)
}

// ratios is, run by run, the wall time of a run over that of the run of
// the other size taken just before it, sorted.
func ratios(ss, base []sample) []float64 {
	rs := make([]float64, len(ss))
	for i := range ss {
		rs[i] = ss[i].wall.Seconds() / base[i].wall.Seconds()
	}
	slices.Sort(rs)
	return rs
}

// walls is the wall time of every run, sorted.
func walls(ss []sample) []time.Duration {
	ws := make([]time.Duration, len(ss))
	for i, s := range ss {
		ws[i] = s.wall
	}
	slices.Sort(ws)
	return ws
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

// highestPeak is the highest peak memory of the runs.
func highestPeak(ss []sample) int64 {
	var kb int64
	for _, s := range ss {
		kb = max(kb, s.peakKB)
	}
	return kb
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
