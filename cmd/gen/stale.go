package main

import (
	"flag"
	"fmt"
	"io"
	"slices"

	"treatmentdir/internal/build"
	"treatmentdir/internal/calllist"
)

// runStale prints the maintainer's call list: the stale centers, oldest
// check first.
func runStale(args []string, stdout, stderr io.Writer) error {
	days, format := 0, "markdown"
	o, rest, err := parseFlags("stale", args, stderr, func(fset *flag.FlagSet, _ *options) {
		fset.IntVar(&days, "days", 0, "list centers not checked in this many `days` (default: site.toml's stale_after_days)")
		fset.StringVar(&format, "format", format, "csv or markdown")
	})
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	if !slices.Contains(calllist.Formats, format) {
		return usageError{fmt.Sprintf("-format %q: use csv or markdown", format)}
	}
	if days < 0 {
		return usageError{fmt.Sprintf("-days %d: give a number of days, 1 or more", days)}
	}
	fsys, cfg, err := o.site()
	if err != nil {
		return err
	}
	if days > 0 {
		cfg.StaleAfterDays = days
	}
	s, err := build.Load(fsys, cfg)
	if s != nil {
		printWarnings(stderr, s.Warnings)
	}
	if err != nil {
		return err
	}
	return calllist.Write(stdout, s.StaleCenters(), cfg.Today(), format)
}
