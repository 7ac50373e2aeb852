// Command bench measures the generator on synthetic data sets and, when
// Hugo 0.146 or newer is installed, compares it with Hugo building the same
// centers through a content adapter (the peer site in bench/hugo).
//
//	go run ./bench                     20,000 and 100,000 centers, Hugo if found
//	go run ./bench -n 20000 -hugo off  one size, no Hugo
//	go run ./bench -sets people        one data set
//
// Each size is measured on two data sets (-sets): "even", the centers
// spread evenly over the ZIP codes, and "people", drawn around the same
// ZIP centroids in proportion to where people live, with the density of
// ZIP centroids standing in for population, which the repository does not
// hold (synth.Options.People): dense metros, and counties with no center.
// For each size it generates a deterministic data set with internal/synth,
// builds the generator once, and runs it as a child process (so that its
// peak memory is its own): a full build into an empty folder with no
// cache, then rebuilds that each follow a change to one row, with the
// cache the build before kept (gen -cache, in a folder beside the
// output). The sizes take turns run by run, and the ratio of the larger
// size's full build to the first's is the median of the runs' ratios, so
// that a host slower for a while does not skew it. Every time comes with
// the range of its runs. Output goes under -out, /dev/shm by default: a
// RAM disk, so that the figures measure the generator rather than the
// disk, which is slow at creating many small files.
//
// On the first data set's first size, the full build is also measured
// with the site's default language alone and with all its languages, the
// two taking turns, and their ratio is the median of the runs' ratios (the
// target: at most 2.2 times for two languages).
//
// -cpuprofile FILE profiles a full build of the first size in this
// process instead.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// options are the flags.
type options struct {
	sizes     []int
	out       string
	hugo      string // auto, off, or the hugo binary
	runs      int
	seed      uint64
	cpuprof   string
	hugoRuns  int
	keepFiles bool
	makeData  int // only write the data set of this many centers (see prepareSize)
	sets      []string
	set       string // the data set being made or measured
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	b := &bench{o: o, root: root, log: stderr}
	if o.makeData > 0 {
		return b.writeData(o.makeData)
	}
	if o.cpuprof != "" {
		return b.profile()
	}
	res, err := b.measure()
	if err != nil {
		return err
	}
	report(stdout, res)
	return nil
}

func parseFlags(args []string, stderr io.Writer) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("n", "20000,100000", "numbers of centers, comma-separated; the first is compared with Hugo")
	fs.StringVar(&o.out, "out", "/dev/shm/gendir-bench", "working `folder` for data and output (use a RAM disk)")
	fs.StringVar(&o.hugo, "hugo", "auto", "Hugo `binary`, or auto (hugo on the PATH, if 0.146 or newer), or off")
	fs.IntVar(&o.runs, "runs", 3, "runs of each measurement; the median is reported")
	fs.IntVar(&o.hugoRuns, "hugo-runs", 1, "runs of the Hugo build")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the synthetic data")
	fs.BoolVar(&o.keepFiles, "keep", false, "keep the generated sites and output")
	sets := fs.String("sets", "even,people", "data sets, comma-separated: even (over the ZIP codes) and people (where people live)")
	fs.StringVar(&o.set, "set", "even", "")
	fs.StringVar(&o.cpuprof, "cpuprofile", "", "")
	fs.IntVar(&o.makeData, "make-data", 0, "")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 10 {
			return nil, fmt.Errorf("-n: %q is not a number of centers (10 or more)", s)
		}
		o.sizes = append(o.sizes, n)
	}
	for _, s := range strings.Split(*sets, ",") {
		if s = strings.TrimSpace(s); s != "even" && s != "people" {
			return nil, fmt.Errorf("-sets: %q is not a data set (even or people)", s)
		}
		o.sets = append(o.sets, s)
	}
	if o.set != "even" && o.set != "people" {
		return nil, fmt.Errorf("-set: %q is not a data set (even or people)", o.set)
	}
	if o.runs < 1 || o.hugoRuns < 1 {
		return nil, fmt.Errorf("-runs and -hugo-runs must be at least 1")
	}
	return o, nil
}
