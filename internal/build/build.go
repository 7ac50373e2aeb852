package build

import (
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
	return &Result{Site: s, Pages: pages}, err
}

// Discard is an Output that keeps nothing, for checking a site.
var Discard Output = discard{}

type discard struct{}

func (discard) Put(string, []byte) error { return nil }
