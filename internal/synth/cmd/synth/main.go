// Command synth writes a synthetic, plainly fictional data/centers.csv.
//
//	synth -example -n 400 -seed 1 -zips data/zips.csv -o data/centers.csv
//
// Without -example it spreads centers over the whole country, for benchmarks.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"treatmentdir/internal/build"
	"treatmentdir/internal/synth"
)

// synthColumns is the header and facets of a site, as synth takes them.
func synthColumns(v *build.Vocabulary) ([]string, []synth.Facet) {
	var facets []synth.Facet
	for _, f := range v.Facets() {
		codes := make([]string, len(f.Options))
		for i, o := range f.Options {
			codes[i] = o.Code
		}
		facets = append(facets, synth.Facet{Column: f.Column, Codes: codes})
	}
	return v.Columns(), facets
}

// errUsage reports bad flags, which the flag package has already printed.
var errUsage = errors.New("usage")

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 400, "number of centers")
	seed := fs.Uint64("seed", 1, "random seed")
	example := fs.Bool("example", false, "generate the example data set: eight metro areas")
	zipsPath := fs.String("zips", "data/zips.csv", "ZIP centroids `file` (zip,lat,lon)")
	root := fs.String("root", ".", "site `folder` whose content/ names the levels and facets")
	out := fs.String("o", "", "output `file` (default standard output)")
	if err := fs.Parse(args); err == flag.ErrHelp {
		return nil
	} else if err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	zips, err := readZIPs(*zipsPath)
	if err != nil {
		return err
	}
	opts := synth.Options{N: *n, Seed: *seed, ZIPs: zips, Example: *example}
	v, err := build.LoadVocabulary(os.DirFS(*root))
	if err != nil {
		return err
	}
	opts.Columns, opts.Facets = synthColumns(v)
	if *out == "" {
		return write(stdout, opts)
	}
	return writeFile(*out, opts)
}

func readZIPs(path string) ([]synth.ZIP, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zips, err := synth.ReadZIPs(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return zips, nil
}

func write(w io.Writer, opts synth.Options) error {
	bw := bufio.NewWriter(w)
	if err := synth.Write(bw, opts); err != nil {
		return err
	}
	return bw.Flush()
}

func writeFile(path string, opts synth.Options) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f, opts); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
