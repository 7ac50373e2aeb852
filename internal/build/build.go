package build

import (
	"fmt"
	"io/fs"
)

// Result is what a build made.
type Result struct {
	Site  *Site
	Pages int // HTML pages rendered
}

// Build loads the site in fsys, validates it, and renders every file to
// out. On error nothing useful is in out; with a DirWriter, call Abort.
func Build(fsys fs.FS, cfg Config, out Output) (*Result, error) {
	s, err := Load(fsys, cfg)
	if err != nil {
		return &Result{Site: s}, err
	}
	pages, err := Render(fsys, s, out)
	s.cache.wait() // the cache only saves time: a build does not fail for it
	return &Result{Site: s, Pages: pages}, err
}

// Publish builds the site into the folder dir with a DirWriter: the files
// whose bytes changed are moved into place only if the whole build
// succeeds; otherwise dir is left as it was. The Result is returned even
// on error, for its warnings.
func Publish(fsys fs.FS, cfg Config, dir string) (*Result, WriteStats, error) {
	w, err := NewDirWriter(dir)
	if err != nil {
		return nil, WriteStats{}, err
	}
	res, err := Build(fsys, cfg, w)
	if err != nil {
		w.Abort()
		return res, WriteStats{}, err
	}
	stats, err := w.Commit()
	if err != nil {
		w.Abort() // drops the staging; the folder holds a whole site still
		return res, stats, fmt.Errorf("writing %s: %w", dir, err)
	}
	return res, stats, nil
}

// Discard is an Output that keeps nothing, for checking a site.
var Discard Output = discard{}

type discard struct{}

func (discard) Put(string, []byte) error { return nil }
