package main

import (
	"fmt"
	"io"

	"treatmentdir/internal/build"
	"treatmentdir/internal/hsds"
)

// runExportHSDS writes the directory as an HSDS 3.0 data package to the
// folder its argument names. Bad data stops it as it stops a build,
// before anything is written.
func runExportHSDS(args []string, stdout, stderr io.Writer) error {
	o, rest, err := parseFlags("export-hsds", args, stderr, nil)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"export-hsds takes one argument, the folder to write: gen export-hsds [-root DIR] OUT"}
	}
	out := rest[0]
	o.out = out         // the export may not land in the site's sources
	o.ownLayouts = true // it draws no pages, so the site needs no layouts
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
	if err := hsds.Export(s, out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "exported %s centers as an HSDS 3.0 data package to %s (%d taxonomies)\n",
		build.Comma(len(s.Centers)), out, len(s.Facets)+1)
	return nil
}
