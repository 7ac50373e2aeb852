package hsds

import (
	"bytes"
	"encoding/csv"
	"fmt"
)

// Row is one row of a table, by field name; a field left out is empty.
type Row map[string]string

// Table is one table of the specification being written as CSV: the
// specification's fields as the header, in its order, LF line ends. Rows
// are encoded as they are added, so an export holds its bytes, not its
// rows.
type Table struct {
	Resource *Resource
	buf      bytes.Buffer
	w        *csv.Writer
	col      map[string]int
	rec      []string
	rows     int
	err      error
}

// NewTable starts the table of res with its header.
func NewTable(res *Resource) *Table {
	t := &Table{Resource: res, col: map[string]int{}, rec: make([]string, len(res.Fields))}
	t.w = csv.NewWriter(&t.buf)
	for i, f := range res.Fields {
		t.col[f.Name] = i
		t.rec[i] = f.Name
	}
	t.w.Write(t.rec)
	return t
}

// Add writes a row. A field that the table does not have is a mistake of
// the export's, not of the data, and makes Bytes fail.
func (t *Table) Add(r Row) {
	t.rows++
	clear(t.rec)
	for name, v := range r {
		i, ok := t.col[name]
		if !ok {
			t.err = fmt.Errorf("hsds: %s row %d: the table has no field %q", t.Resource.Path, t.rows, name)
			continue
		}
		t.rec[i] = v
	}
	t.w.Write(t.rec)
}

// Bytes gives the CSV file.
func (t *Table) Bytes() ([]byte, error) {
	t.w.Flush()
	if t.err != nil {
		return nil, t.err
	}
	return t.buf.Bytes(), t.w.Error()
}
