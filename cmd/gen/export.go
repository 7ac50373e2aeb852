package main

import (
	"fmt"
	"io"

	"treatmentdir/internal/build"
	"treatmentdir/internal/hugoexport"
)

// runExportHugo writes the directory as a Hugo site to the folder its
// argument names. Bad data stops it as it stops a build, before anything
// is written.
func runExportHugo(args []string, stdout, stderr io.Writer) error {
	o, rest, err := parseFlags("export-hugo", args, stderr, nil)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"export-hugo takes one argument, the folder to write: gen export-hugo [-root DIR] OUT"}
	}
	out := rest[0]
	o.out = out // the export may not land in the site's sources either
	o.ownLayouts = true
	fsys, cfg, err := o.site()
	if err != nil {
		return err
	}
	s, err := build.Load(fsys, cfg)
	if s != nil {
		printWarnings(stderr, s.Warnings)
	}
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
