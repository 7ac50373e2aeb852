package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"treatmentdir/internal/build"
)

func runBuild(args []string, stdout, stderr io.Writer) error {
	o, rest, err := parseFlags("build", args, stderr, buildFlags)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	summary, err := buildSite(o, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, summary)
	return nil
}

// buildSite builds into the output folder and returns the summary line.
func buildSite(o *options, stderr io.Writer) (string, error) {
	start := time.Now()
	fsys, cfg, err := o.site()
	if err != nil {
		return "", err
	}
	tuneGC(fsys, cfg)
	cfg.CacheFile = o.cacheFile()
	res, stats, err := build.Publish(fsys, cfg, o.out)
	if res != nil && res.Site != nil {
		printWarnings(stderr, res.Site.Warnings)
	}
	if err != nil {
		return "", err
	}
	line := fmt.Sprintf("built %s pages from %s centers: %s written, %s removed, %s unchanged in %s",
		build.Comma(res.Pages), build.Comma(len(res.Site.Centers)), build.Comma(stats.Written), build.Comma(stats.Removed),
		build.Comma(stats.Unchanged), time.Since(start).Round(time.Millisecond))
	return line + "\n" + staleLine(res.Site), nil
}

// staleLine says how many centers are due for a check, on a line of its
// own so that the summary line keeps its form.
func staleLine(s *build.Site) string {
	n := s.StaleCount()
	if n == 0 {
		return fmt.Sprintf("stale: none of %s centers is due for a check", build.Comma(len(s.Centers)))
	}
	return fmt.Sprintf("stale: %s of %s centers not checked in %d days or never (gen stale lists them)",
		build.Comma(n), build.Comma(len(s.Centers)), s.Config.StaleAfterDays)
}

func runCheck(args []string, stdout, stderr io.Writer) error {
	o, rest, err := parseFlags("check", args, stderr, engineFlag)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	fsys, cfg, err := o.site()
	if err != nil {
		return err
	}
	cfg.CompareEngines = true // every page drawn by both engines, so that a layout edit is checked by both
	res, err := build.Build(fsys, cfg, build.Discard)
	if res != nil && res.Site != nil {
		printWarnings(stderr, res.Site.Warnings)
		printWarnings(stderr, build.Placeholders(fsys, res.Site))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "ok: %s centers, %d levels of care, %d facets (%s), %s pages\n", build.Comma(len(res.Site.Centers)),
		len(res.Site.Levels), len(res.Site.Facets), facetNames(res.Site.Facets), build.Comma(res.Pages))
	return nil
}

// facetNames lists the facets' columns, for the check's summary.
func facetNames(facets []*build.Facet) string {
	names := make([]string, len(facets))
	for i, f := range facets {
		names[i] = f.Column
	}
	return strings.Join(names, ", ")
}
