package hsds

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// Package is a tabular data package as read: its tables by name, each
// row with the line it starts on.
type Package struct {
	// Dir names the package's folder in messages.
	Dir string
	// Title is the descriptor's title, or its name.
	Title  string
	tables map[string]*ReadTable
}

// ReadTable is one table of a package.
type ReadTable struct {
	Path  string // as the descriptor names it, for messages
	Rows  []Rec  // each with the header's field names, in lower case
	Lines []int  // the line each row starts on
	col   map[string]int
}

// Rec is one row of a table as read.
type Rec struct {
	vals []string
	col  map[string]int
}

// Get gives the value of a field, trimmed, or "" when the row or its
// table lacks it.
func (r Rec) Get(field string) string {
	if i, ok := r.col[field]; ok && i < len(r.vals) {
		return strings.TrimSpace(r.vals[i])
	}
	return ""
}

// Table gives the table of that name, or an empty one when the package
// has none.
func (p *Package) Table(name string) *ReadTable {
	if t, ok := p.tables[name]; ok {
		return t
	}
	return &ReadTable{Path: name}
}

// Where names a row for messages: "locations.csv:12".
func (t *ReadTable) Where(i int) string { return fmt.Sprintf("%s:%d", t.Path, t.Lines[i]) }

// descriptorFile is the file that makes a folder a data package.
const descriptorFile = "datapackage.json"

// Read reads the package in fsys, a folder that dir names in messages: its
// datapackage.json and the CSV file of every table that the descriptor
// lists under a name of the specification. A table the package lacks is
// empty; a package without locations is an error, since nothing could be
// imported from it.
func Read(fsys fs.FS, dir string) (*Package, error) {
	data, err := fs.ReadFile(fsys, descriptorFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no %s: want an HSDS 3.0 tabular data package, a folder with datapackage.json and the CSV files", dir, descriptorFile)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	var d struct {
		Name, Title string
		Resources   []struct {
			Name string
			Path any
		}
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("%s: %s", path.Join(dir, descriptorFile), jsonMessage(data, err))
	}
	spec, err := LoadSpec()
	if err != nil {
		return nil, err
	}
	p := &Package{Dir: dir, Title: or(d.Title, d.Name), tables: map[string]*ReadTable{}}
	var errs []error
	for _, r := range d.Resources {
		if spec.Resource(r.Name) == nil {
			continue // a table of another version or an extension: not ours to read
		}
		file, ok := r.Path.(string)
		if !ok || !fs.ValidPath(file) {
			errs = append(errs, fmt.Errorf("%s: resource %q: path %v is not a file inside the package folder", path.Join(dir, descriptorFile), r.Name, r.Path))
			continue
		}
		t, err := readTable(fsys, dir, file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p.tables[r.Name] = t
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if _, ok := p.tables["location"]; !ok {
		return nil, fmt.Errorf("%s: the package has no location table (locations.csv): nothing to import", path.Join(dir, descriptorFile))
	}
	return p, nil
}

// jsonMessage gives a JSON error with its line and column.
func jsonMessage(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &syn):
		off = syn.Offset - 1 // it counts the byte at fault
	case errors.As(err, &typ):
		off = typ.Offset
	}
	if off < 0 {
		return err.Error()
	}
	before := data[:min(int(off), len(data))]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("%d:%d: %v (want the data package's JSON descriptor)", line, col, err)
}

// readTable reads one CSV file with its header.
func readTable(fsys fs.FS, dir, file string) (*ReadTable, error) {
	name := path.Join(dir, file)
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %v", name, errors.Unwrap(err))
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s:1:1: the file is empty: want a header naming the fields", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(header[i]))
	}
	t := &ReadTable{Path: file, col: map[string]int{}}
	for i, h := range header {
		if _, dup := t.col[h]; !dup {
			t.col[h] = i
		}
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		t.Rows = append(t.Rows, Rec{vals: rec, col: t.col})
		t.Lines = append(t.Lines, line)
	}
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v (check the quotes in that row)", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}
