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
	_, s, out, err := loadForExport("export-hsds", args, stderr)
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
