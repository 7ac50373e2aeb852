package main

import (
	"fmt"
	"io"
	"io/fs"

	"treatmentdir/internal/build"
	"treatmentdir/internal/hugoexport"
)

// runExportHugo writes the directory as a Hugo site to the folder its
// argument names. Bad data stops it as it stops a build, before anything
// is written.
func runExportHugo(args []string, stdout, stderr io.Writer) error {
	fsys, s, out, err := loadForExport("export-hugo", args, stderr)
	if err != nil {
		return err
	}
	if err := hugoexport.Export(fsys, s, out); err != nil {
		return err // it names the folder or the file at fault
	}
	fmt.Fprintf(stdout, "exported %s centers and %d levels of care to %s; build it with: hugo -s %s\n",
		build.Comma(len(s.Centers)), len(s.Levels), out, out)
	return nil
}

// loadForExport reads an export's flags and its one argument, the folder
// to write, and loads the site. The exports draw none of the site's
// layouts, and may not write into its sources.
func loadForExport(name string, args []string, stderr io.Writer) (fs.FS, *build.Site, string, error) {
	o, rest, err := parseFlags(name, args, stderr, nil)
	if err != nil {
		return nil, nil, "", err
	}
	if len(rest) != 1 {
		return nil, nil, "", usageError{fmt.Sprintf("%s takes one argument, the folder to write: gen %s [-root DIR] OUT", name, name)}
	}
	o.out, o.ownLayouts = rest[0], true
	fsys, cfg, err := o.site()
	if err != nil {
		return nil, nil, "", err
	}
	s, err := build.Load(fsys, cfg)
	if s != nil {
		printWarnings(stderr, s.Warnings)
	}
	return fsys, s, o.out, err
}
