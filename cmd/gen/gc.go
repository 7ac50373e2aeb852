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
// memory limit) rather than each time the heap doubles. The ceiling is
// the peak memory of a build: 128 MiB, or gcBytesPerByte bytes per byte
// of the centers file for a large directory. A build keeps about seven
// times the file live while it draws pages, and the runtime's own
// overhead (spans part used, free pages not yet returned) comes on top,
// so a lower ceiling would make the collector run all the time. A
// rebuild of 20,000 centers runs no collection at all.
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
	debug.SetMemoryLimit(gcCeiling(size))
}

// gcBytesPerByte is the ceiling per byte of the centers file: 100,000
// centers (35 MB) peak under 400 MB. Eighteen, as it was, let the heap
// grow to 600 MB before a collection.
const gcBytesPerByte = 11

// gcCeiling is the memory limit for a centers file of size bytes.
func gcCeiling(size int64) int64 { return max(128<<20, gcBytesPerByte*size) }
