package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"treatmentdir/internal/synth"
)

// bench is one run of the benchmark.
type bench struct {
	o    *options
	root string // the repository
	log  io.Writer
	gen  string // the generator binary
}

// moduleRoot finds the repository from the current folder upwards.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the repository: run go run ./bench from it")
		}
		dir = parent
	}
}

// makeSite writes a site folder with the repository's content, layouts,
// static files and settings, and n synthetic centers. It returns the
// folder and the CSV.
func (b *bench) makeSite(n int) (string, []byte, error) {
	dir := filepath.Join(b.o.out, fmt.Sprintf("site-%s-%d", b.o.set, n))
	if err := os.RemoveAll(dir); err != nil {
		return "", nil, err
	}
	for _, sub := range []string{"content", "layouts", "static", "i18n"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(b.root, sub))); err != nil {
			return "", nil, fmt.Errorf("copying %s: %w", sub, err)
		}
	}
	for _, f := range []string{"site.toml", "data/zips.csv"} {
		if err := copyFile(filepath.Join(b.root, f), filepath.Join(dir, f)); err != nil {
			return "", nil, err
		}
	}
	csv, err := b.centersCSV(n)
	if err != nil {
		return "", nil, err
	}
	return dir, csv, os.WriteFile(filepath.Join(dir, "data", "centers.csv"), csv, 0o644)
}

// centersCSV generates n centers, the same ones for the same seed.
func (b *bench) centersCSV(n int) ([]byte, error) {
	f, err := os.Open(filepath.Join(b.root, "data", "zips.csv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zips, err := synth.ReadZIPs(bufio.NewReader(f))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := synth.Write(&buf, synth.Options{N: n, Seed: b.o.seed, ZIPs: zips, People: b.o.set == "people"}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// changeOneRow renames the center on the middle row: a change a maintainer
// makes, which shows on its own page, its state's page and the pages of
// the centers that list it as near.
func changeOneRow(csv []byte) ([]byte, error) {
	lines := bytes.SplitAfter(csv, []byte("\n"))
	i := len(lines) / 2
	id, rest, ok := bytes.Cut(lines[i], []byte(","))
	if !ok || bytes.HasPrefix(rest, []byte(`"`)) {
		return nil, fmt.Errorf("row %d of the synthetic data is not as expected", i+1)
	}
	changed := append([]byte(nil), id...)
	changed = append(changed, ",Renamed "...)
	changed = append(changed, rest...)
	out := bytes.Join(lines[:i], nil)
	out = append(out, changed...)
	return append(out, bytes.Join(lines[i+1:], nil)...), nil
}

func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	out, err := os.Create(dest)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
