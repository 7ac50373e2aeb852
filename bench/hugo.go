package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
)

// minHugo is the first Hugo with the layouts folder this peer site uses
// (layouts/_partials, layouts/home.html).
var minHugo = [3]int{0, 146, 0}

var hugoVersionRE = regexp.MustCompile(`hugo v(\d+)\.(\d+)\.(\d+)`)

// findHugo returns the Hugo binary to compare with and its version, or ""
// when there is none to use.
func (b *bench) findHugo() (bin, version string) {
	switch b.o.hugo {
	case "off":
		return "", ""
	case "auto":
		var err error
		if bin, err = exec.LookPath("hugo"); err != nil {
			fmt.Fprintln(b.log, "bench: no hugo on the PATH; skipping the comparison")
			return "", ""
		}
	default:
		bin = b.o.hugo
	}
	out, err := exec.Command(bin, "version").Output()
	m := hugoVersionRE.FindSubmatch(out)
	if err != nil || m == nil {
		fmt.Fprintf(b.log, "bench: cannot tell the version of %s; skipping the comparison\n", bin)
		return "", ""
	}
	var v [3]int
	for i := range v {
		v[i], _ = strconv.Atoi(string(m[i+1]))
	}
	if v[0] < minHugo[0] || v[0] == minHugo[0] && v[1] < minHugo[1] {
		fmt.Fprintf(b.log, "bench: %s is older than 0.146; skipping the comparison\n", m[0])
		return "", ""
	}
	return bin, string(bytes.TrimPrefix(m[0], []byte("hugo ")))
}

// measureHugo builds the peer site in bench/hugo with the given centers.
func (b *bench) measureHugo(bin string, csv []byte) (*sample, error) {
	site := filepath.Join(b.o.out, "hugo-site")
	out := filepath.Join(b.o.out, "hugo-public")
	if err := os.RemoveAll(site); err != nil {
		return nil, err
	}
	if err := os.CopyFS(site, os.DirFS(filepath.Join(b.root, "bench", "hugo"))); err != nil {
		return nil, fmt.Errorf("copying the Hugo site: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(site, "assets"), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(site, "assets", "centers.csv"), csv, 0o644); err != nil {
		return nil, err
	}
	var samples []sample
	for range b.o.hugoRuns {
		if err := os.RemoveAll(out); err != nil {
			return nil, err
		}
		var stderr bytes.Buffer
		cmd := exec.Command(bin, "--quiet", "-s", site, "-d", out, "--cacheDir", filepath.Join(b.o.out, "hugo-cache"))
		cmd.Stderr = &stderr
		s, err := timeChild(cmd)
		if err != nil {
			return nil, fmt.Errorf("hugo: %v\n%s", err, stderr.String())
		}
		fmt.Fprintf(b.log, "bench:   hugo (%.2f s, %d MB)\n", s.wall.Seconds(), s.peakKB/1024)
		samples = append(samples, s)
	}
	s := median(samples)
	s.written = countFiles(out)
	return &s, nil
}

func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}
