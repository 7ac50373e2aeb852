// Package csvdiff compares two versions of a centers CSV, so that a person
// reviewing a data update sees which centers it adds, removes and changes,
// field by field, instead of a line diff of a spreadsheet export.
//
// # Reading
//
// Each file is read as the build reads data/centers.csv: UTF-8 with an
// optional byte-order mark, RFC 4180 quoting, LF or CRLF line ends, a header
// row whose column names are case-insensitive and in any order. Rows are
// keyed by id. Unlike the build, csvdiff does not validate the values (an
// update under review may well be broken; gen check says how): the only
// errors are those that make the comparison meaningless, each reported as
// path:line:column: message. They are a file that is not CSV or not UTF-8,
// a missing id column, a duplicate column, a row with the wrong number of
// fields, and an empty or duplicate id. A file with a header and no rows
// has no centers, which lets a first import be diffed against it.
//
// # Comparing
//
// The columns compared are the site's (Schema, from its content/facets.toml)
// or, without a site, those the headers name. Values are compared as the site shows
// them: surrounding spaces do not count, nor does the case of a state code,
// the punctuation of a phone number, or trailing zeros of a coordinate.
// Multi-valued fields (levels and every facet column) are sets:
// order, case and spacing do not count, and the report lists the values
// added and removed.
package csvdiff

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"treatmentdir/internal/build"
)

// Center is one row of a centers file.
type Center struct {
	ID     string
	Line   int               // where the row starts, for messages
	Fields map[string]string // by column name (lower case), trimmed
}

// Name is the center's name, as the file gives it.
func (c *Center) Name() string { return c.Fields["name"] }

// File is a centers CSV read for comparison.
type File struct {
	Name    string // as the user named it, for messages
	Centers map[string]*Center
	Header  []string // the columns, lower case, in the file's order
}

func Read(name string, data []byte) (*File, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if line, col, ok := build.FirstInvalidUTF8(data); !ok {
		return nil, build.Errors{{Path: name, Line: line, Col: col, Msg: "invalid UTF-8: the file must be saved as UTF-8"}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, build.Errors{{Path: name, Msg: "empty file: expected a header row naming the columns"}}
	}
	r := csv.NewReader(bytes.NewReader(data))
	header, err := r.Read()
	if err != nil {
		return nil, build.Errors{build.CSVDiagnostic(name, err)}
	}
	index, errs := columnIndex(name, r, header)
	if len(errs) > 0 {
		return nil, errs
	}
	f := &File{Name: name, Centers: map[string]*Center{}}
	for _, h := range header {
		f.Header = append(f.Header, strings.ToLower(strings.TrimSpace(h)))
	}
	errs = f.readRows(r, index)
	if len(errs) > 0 {
		return nil, errs
	}
	return f, nil
}

// columnIndex maps each column name, lower-cased and trimmed, to its place
// in a row. It reports a missing id column and duplicate columns.
func columnIndex(path string, r *csv.Reader, header []string) (map[string]int, build.Errors) {
	index := make(map[string]int, len(header))
	var errs build.Errors
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := index[h]; dup {
			line, col := r.FieldPos(i)
			errs = append(errs, build.Diagnostic{Path: path, Line: line, Col: col, Msg: fmt.Sprintf("duplicate column %q", h)})
			continue
		}
		index[h] = i
	}
	if _, ok := index["id"]; !ok {
		errs = append(errs, build.Diagnostic{Path: path, Line: 1, Col: 1, Msg: `missing required column "id": rows are matched by id`})
	}
	return index, errs
}

// readRows reads every row into f, keyed by id, and returns the problems
// found. A row with the wrong number of fields is reported and skipped, so
// that the rows after it are still checked.
func (f *File) readRows(r *csv.Reader, index map[string]int) build.Errors {
	var errs build.Errors
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return errs
		}
		if err != nil {
			errs = append(errs, build.CSVDiagnostic(f.Name, err))
			if errors.Is(err, csv.ErrFieldCount) {
				continue
			}
			return errs
		}
		if d, ok := f.add(r, rec, index); !ok {
			errs = append(errs, d)
		}
	}
}

// add files one record under its id, or says why it cannot.
func (f *File) add(r *csv.Reader, rec []string, index map[string]int) (build.Diagnostic, bool) {
	c := &Center{Fields: make(map[string]string, len(index))}
	c.Line, _ = r.FieldPos(0)
	for col, i := range index {
		if col != "id" {
			c.Fields[col] = strings.TrimSpace(rec[i])
		}
	}
	idLine, idCol := r.FieldPos(index["id"])
	c.ID = strings.TrimSpace(rec[index["id"]])
	if c.ID == "" {
		return build.Diagnostic{Path: f.Name, Line: idLine, Col: idCol, Msg: "id is required: rows are matched by id"}, false
	}
	if first, dup := f.Centers[c.ID]; dup {
		return build.Diagnostic{Path: f.Name, Line: idLine, Col: idCol,
			Msg: fmt.Sprintf("duplicate id %q (first used on line %d)", c.ID, first.Line)}, false
	}
	f.Centers[c.ID] = c
	return build.Diagnostic{}, true
}
