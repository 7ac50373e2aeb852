package main

import (
	"io/fs"
	"os"
	"runtime/debug"

	"treatmentdir/internal/build"
)

// tuneGC sets the garbage collector for building, unless GOGC or
// GOMEMLIMIT say otherwise. A build allocates a lot that dies at once (a
// page, then its bytes once written), and a rebuild allocates little, so
// the collector runs only when the heap nears a ceiling (GOGC=off with a
// memory limit) rather than each time the heap doubles: 128 MiB, or 18
// bytes per byte of the centers file for a large directory (a build keeps
// about eight times the file live; facet columns, codes in the file but
// pointers once read, made it less than the ten it was), so that the
// collector never fights to get under a ceiling it cannot reach. A
// rebuild of 20,000 centers then runs no collection at all.
func tuneGC(fsys fs.FS, cfg build.Config) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	dataFS := fsys
	if cfg.DataFS != nil {
		dataFS = cfg.DataFS
	}
	var size int64
	if fi, err := fs.Stat(dataFS, cfg.Data.Centers); err == nil {
		size = fi.Size()
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(max(128<<20, 18*size))
}
