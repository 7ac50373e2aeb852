package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"treatmentdir/internal/starter"
)

// runInit writes a new site folder from the files embedded in gen.
func runInit(args []string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("gen init", flag.ContinueOnError)
	fset.SetOutput(stderr)
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{}
	}
	if fset.NArg() != 1 {
		return usageError{"init takes one argument, the new site's folder: gen init DIR"}
	}
	dir := fset.Arg(0)
	files, err := starter.Write(dir, starter.GenPackage())
	if errors.Is(err, starter.ErrNotEmpty) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, `made a new site in %s (%d files). Next:
  cd %s
  gen serve                       see it at http://localhost:1313
  gen import csv YOUR.csv -map "Facility Name=name,Address=street,..."
                                  bring your centers (then delete the example row)
  gen check                       lists the text marked %q for you to replace
`, dir, len(files), dir, starter.Marker)
	return nil
}
