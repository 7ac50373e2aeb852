package build

import (
	"errors"
	"io/fs"
)

// CheckFolder lists, in one error, every part a site folder lacks
// (content/, content/levels/, layouts/, the centers file), so that a
// maintainer starting from an empty folder learns all of it at once
// rather than one piece a run. A folder with every part gives nil.
// layouts is false for a command that brings its own (export-hugo).
func CheckFolder(fsys fs.FS, cfg Config, layouts bool) error {
	const hint = ": gen init NEW-FOLDER makes a complete site folder to start from or copy it from"
	var errs Errors
	for _, dir := range []string{"content", "content/levels", "layouts"} {
		if dir == "layouts" && !layouts {
			continue
		}
		if fi, err := fs.Stat(fsys, dir); err != nil || !fi.IsDir() {
			errs = append(errs, Diagnostic{Path: displayPath(cfg.Root, dir), Msg: "folder not found" + hint})
		}
	}
	if cfg.DataFS == nil {
		if _, err := fs.Stat(fsys, cfg.Data.Centers); errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, Diagnostic{Path: displayPath(cfg.Root, cfg.Data.Centers),
				Msg: "file not found: it lists the centers, one row each (gen import csv YOUR.csv makes it from a spreadsheet)"})
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}
