package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Options are the settings of one import, as gen import's flags give them.
type Options struct {
	// Source is findtreatment, nsumhss, hsds or csv.
	Source string
	// Inputs are the files to read (for hsds, the package folders).
	Inputs []string
	// DataPath is the centers CSV to merge into; it is created when
	// missing. Empty means DefaultDataPath.
	DataPath string
	// All takes every facility, not only those with substance use treatment.
	All bool
	// Prune removes the rows whose facility is gone from the source.
	Prune bool
	// ReportPath, when set, is where the report is written as Markdown.
	ReportPath string
	// Zips gives a ZIP code's centroid to facilities without coordinates
	// (the nsumhss source, which has none, and hsds packages without them).
	Zips ZIPLookup
	// Map is the csv source's column mapping: "Their Column=ours,...", or
	// the name of a file holding one "Their Column=ours" a line.
	Map string
}

// DefaultDataPath is where the centers CSV is when no -data is given.
const DefaultDataPath = "data/centers.csv"

// Sources lists the sources Run takes, for the command's usage message.
var Sources = []string{"findtreatment", "nsumhss", "hsds", "csv"}

// Run imports the inputs into the centers CSV and prints the report to
// stdout. Nothing is written when any input is bad: the error lists every
// problem found, each as file:place: message.
func Run(ctx context.Context, opts Options, vocab Vocabulary, stdout, stderr io.Writer) error {
	if opts.DataPath == "" {
		opts.DataPath = DefaultDataPath
	}
	rep := newReport(opts.Source)
	facilities, source, err := readInputs(ctx, opts, vocab, rep)
	if err != nil {
		return err
	}
	rep.Read = len(facilities)
	t, old, err := readTable(opts.DataPath, columnOrder(vocab))
	if err != nil {
		return err
	}
	rows := mapRows(facilities, source, opts, vocab, rep)
	if err := merge(opts.DataPath, t, rows, source, opts.Prune, rep); err != nil {
		return err
	}
	data, err := t.encode()
	if err != nil {
		return fmt.Errorf("encoding %s: %w", opts.DataPath, err)
	}
	if opts.ReportPath != "" {
		var md bytes.Buffer
		rep.WriteMarkdown(&md)
		if err := writeAtomic(opts.ReportPath, md.Bytes()); err != nil {
			return fmt.Errorf("writing the report: %w", err)
		}
	}
	if old == nil || !bytes.Equal(old, data) {
		if err := writeAtomic(opts.DataPath, data); err != nil {
			return fmt.Errorf("writing %s: %w", opts.DataPath, err)
		}
	}
	return rep.WriteText(stdout)
}

// readInputs reads every input of the source, collecting every error.
func readInputs(ctx context.Context, opts Options, vocab Vocabulary, rep *Report) ([]Facility, string, error) {
	if len(opts.Inputs) == 0 {
		return nil, "", fmt.Errorf("import %s: no input file given", opts.Source)
	}
	read, source, err := reader(opts, vocab, rep)
	if err != nil {
		return nil, "", err
	}
	var all []Facility
	var errs []error
	for _, path := range opts.Inputs {
		if err := ctx.Err(); err != nil {
			return nil, "", err
		}
		var data []byte
		if opts.Source != "hsds" { // a package is a folder, which its reader opens
			if data, err = os.ReadFile(path); err != nil {
				errs = append(errs, inputErrorf(path, "", "cannot read: %v", errors.Unwrap(err)))
				continue
			}
		}
		fs, err := read(path, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		all = append(all, fs...)
	}
	if len(errs) > 0 {
		return nil, "", fmt.Errorf("nothing imported, %s left as it was:\n%w", opts.DataPath, errors.Join(errs...))
	}
	return all, source, nil
}

// reader gives the function that reads one input of the source, and the
// source column's value.
func reader(opts Options, vocab Vocabulary, rep *Report) (func(string, []byte) ([]Facility, error), string, error) {
	switch opts.Source {
	case "findtreatment":
		return ReadFindTreatment, SourceFindTreatment, nil
	case "nsumhss":
		return ReadNSUMHSS, SourceNSUMHSS, nil
	case "hsds":
		return func(dir string, _ []byte) ([]Facility, error) {
			return ReadHSDS(dir, vocab, rep)
		}, SourceHSDS, nil
	case "csv":
		m, err := ParseMapping(opts.Map, columnOrder(vocab))
		if err != nil {
			return nil, "", err
		}
		return func(path string, data []byte) ([]Facility, error) {
			return ReadCSV(path, data, m, vocab, rep)
		}, "", nil
	}
	return nil, "", fmt.Errorf("unknown source %q: want one of %s", opts.Source, strings.Join(Sources, ", "))
}

// mapRows turns the facilities into rows, leaving out those the CSV
// cannot take and a facility listed twice, each counted by reason.
func mapRows(facilities []Facility, source string, opts Options, vocab Vocabulary, rep *Report) []map[string]string {
	m := newMapper(vocab)
	if opts.Source == "nsumhss" || opts.Source == "hsds" {
		m.zips = opts.Zips
		m.centroids = true
		defer func() { warnUnknownZIPs(m.unknownZIPs, rep) }()
	}
	seen := map[string]bool{}
	var rows []map[string]string
	for _, f := range facilities {
		r, reason := m.row(f, source, opts.All, rep)
		key := r["source_id"]
		if key == "" { // a directory's own row, from its HSDS export
			key = "id " + r["id"]
		}
		if reason == "" && seen[key] {
			reason = outDuplicated
		}
		if reason != "" {
			rep.leftOut(reason)
			continue
		}
		seen[key] = true
		rows = append(rows, r)
	}
	return rows
}

// warnUnknownZIPs names the facilities that the centroids could not
// place.
func warnUnknownZIPs(unknown []string, rep *Report) {
	if len(unknown) == 0 {
		return
	}
	slices.Sort(unknown)
	rep.Warnings = append(rep.Warnings, fmt.Sprintf(
		"%s a ZIP code that data/zips.csv does not know, so no coordinates: the build refuses such a row until the ZIP code or lat and lon are added: %s",
		plural(len(unknown), "facility has", "facilities have"), strings.Join(unknown, "; ")))
}

// plural gives "1 facility has" or "2 facilities have".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
