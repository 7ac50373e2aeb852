package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"treatmentdir/internal/build"
	"treatmentdir/internal/importer"
)

// importUsage is how gen import is called, for its usage errors.
const importUsage = "gen import findtreatment|nsumhss|hsds|csv INPUT... [-root DIR] [-data FILE] [-all] [-prune] [-report FILE] [-map SPEC]"

// runImport merges a source's facilities into the centers CSV.
func runImport(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return usageError{"import needs a source: " + importUsage}
	}
	source := args[0]
	if err := importSource(source); err != nil {
		return err
	}
	opts, root, err := importFlags(source, args[1:], stderr)
	if err != nil {
		return err
	}
	fsys := os.DirFS(root)
	cfg, err := build.LoadConfig(fsys, root)
	if err != nil {
		return err
	}
	if opts.DataPath == "" {
		opts.DataPath = filepath.Join(root, filepath.FromSlash(cfg.Data.Centers))
	}
	if source == "nsumhss" || source == "hsds" {
		if opts.Zips, err = importer.LoadZIPs(filepath.Join(root, filepath.FromSlash(cfg.Data.ZIPs))); err != nil {
			return fmt.Errorf("centers without coordinates are placed by their ZIP codes, looked up in %s: %w", cfg.Data.ZIPs, err)
		}
	}
	vocab, err := importer.SiteVocabulary(fsys)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return importer.Run(ctx, opts, vocab, stdout, stderr)
}

// importSource checks that gen import knows the source. The sources are
// listed here, once: a new one is a new case.
func importSource(source string) error {
	switch source {
	case "findtreatment", "nsumhss", "hsds", "csv":
		return nil
	}
	return usageError{fmt.Sprintf("unknown import source %q: %s", source, importUsage)}
}

// importFlags reads gen import's inputs and flags, which may come in any
// order after the source ("gen import csv FILE -map ..." as well as
// "gen import csv -map ... FILE").
func importFlags(source string, args []string, stderr io.Writer) (importer.Options, string, error) {
	opts := importer.Options{Source: source}
	root := "."
	fset := flag.NewFlagSet("gen import "+source, flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.StringVar(&root, "root", ".", "site `folder`, whose content/ gives the levels, facets and synonyms")
	fset.StringVar(&opts.DataPath, "data", "", "centers CSV `file` to merge into (default data/centers.csv under the root; created when missing)")
	fset.BoolVar(&opts.All, "all", false, "take every facility, not only those that treat substance use")
	fset.BoolVar(&opts.Prune, "prune", false, "remove the rows whose facility is gone from the source")
	fset.StringVar(&opts.ReportPath, "report", "", "also write the report as Markdown to `file`, for a pull request")
	fset.StringVar(&opts.Map, "map", "", "csv source: which of the spreadsheet's columns is which of ours, \"Facility Name=name,Address=street\", or a `file` with one such pair a line")
	for {
		if err := fset.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return opts, "", err
			}
			return opts, "", usageError{}
		}
		if fset.NArg() == 0 {
			break
		}
		opts.Inputs = append(opts.Inputs, fset.Arg(0))
		args = fset.Args()[1:]
	}
	switch {
	case len(opts.Inputs) == 0:
		return opts, "", usageError{"import " + source + " needs at least one input file: " + importUsage}
	case opts.Map != "" && source != "csv":
		return opts, "", usageError{"-map is for the csv source only"}
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return opts, "", usageError{fmt.Sprintf("-root %s: not a folder", root)}
	}
	return opts, root, nil
}
