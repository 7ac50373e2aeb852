package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"treatmentdir/internal/build"
	"treatmentdir/internal/csvdiff"
)

// runDiff reports the centers added, removed and changed between two
// versions of a centers CSV. Differences are not a failure: like git diff,
// it exits 0 either way.
func runDiff(args []string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("gen diff", flag.ContinueOnError)
	fset.SetOutput(stderr)
	format := fset.String("format", "text", "report `format`: text, or markdown for a pull request")
	root := fset.String("root", ".", "site `folder` whose content/facets.toml names the facet columns")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: gen diff [-format text|markdown] OLD.csv NEW.csv")
		fset.PrintDefaults()
	}
	files, err := parseInterleaved(fset, args)
	if err != nil {
		return err
	}
	if len(files) != 2 {
		return usageError{fmt.Sprintf("diff needs two files, OLD.csv and NEW.csv; got %d", len(files))}
	}
	write, err := reportWriter(*format)
	if err != nil {
		return err
	}
	oldData, err := os.ReadFile(files[0])
	if err != nil {
		return fmt.Errorf("reading %s: %w", files[0], err)
	}
	newData, err := os.ReadFile(files[1])
	if err != nil {
		return fmt.Errorf("reading %s: %w", files[1], err)
	}
	r, err := csvdiff.Diff(files[0], oldData, files[1], newData, diffSchema(*root))
	if err != nil {
		return err
	}
	return write(r, stdout)
}

// diffSchema is the schema of the site at root, or nil (the columns the
// files name) when root holds no site: a diff needs no site to run.
func diffSchema(root string) *csvdiff.Schema {
	if _, err := os.Stat(filepath.Join(root, "content", "facets.toml")); err != nil {
		return nil
	}
	v, err := build.LoadVocabulary(os.DirFS(root))
	if err != nil {
		return nil
	}
	s := csvdiff.SchemaOf(v)
	return &s
}

// parseInterleaved parses flags that come before, between or after the
// file arguments (gen diff a.csv b.csv -format markdown), and returns the
// files.
func parseInterleaved(fset *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fset.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{}
		}
		if fset.NArg() == 0 {
			return rest, nil
		}
		if n := len(args) - fset.NArg(); n > 0 && args[n-1] == "--" {
			return append(rest, fset.Args()...), nil // "--" ends the flags
		}
		rest = append(rest, fset.Arg(0))
		args = fset.Args()[1:]
	}
}

// reportWriter picks the writer for a -format value.
func reportWriter(format string) (func(*csvdiff.Report, io.Writer) error, error) {
	switch format {
	case "text":
		return (*csvdiff.Report).WriteText, nil
	case "markdown", "md":
		return (*csvdiff.Report).WriteMarkdown, nil
	}
	return nil, usageError{fmt.Sprintf("-format %q: want text or markdown", format)}
}
