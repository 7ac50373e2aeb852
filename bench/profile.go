package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"treatmentdir/internal/build"
)

// profile builds the first data set in this process under the CPU
// profiler: a full build into an empty folder, then a rebuild after one
// row changed.
func (b *bench) profile() error {
	site, csv, err := b.makeSite(b.o.sizes[0])
	if err != nil {
		return err
	}
	out := filepath.Join(b.o.out, "public-profile")
	cache := filepath.Join(b.o.out, "cache-profile", "centers")
	for _, p := range []string{out, filepath.Dir(cache)} {
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	f, err := os.Create(b.o.cpuprof)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	if err := b.buildInProcess(site, out, cache); err != nil {
		return err
	}
	changed, err := changeOneRow(csv)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(site, "data", "centers.csv"), changed, 0o644); err != nil {
		return err
	}
	return b.buildInProcess(site, out, cache)
}

func (b *bench) buildInProcess(site, out, cache string) error {
	start := time.Now()
	fsys := os.DirFS(site)
	cfg, err := build.LoadConfig(fsys, site)
	if err != nil {
		return err
	}
	if err := cfg.ResolveBaseURL("https://treatment.example.org/", ""); err != nil {
		return err
	}
	cfg.CacheFile = cache
	_, stats, err := build.Publish(fsys, cfg, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(b.log, "bench: %+v in %v\n", stats, time.Since(start).Round(time.Millisecond))
	return nil
}
