package hsds

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
)

// Row is one row of a table, by field name; a field left out is empty.
type Row map[string]string

// Table is the rows of one table of the specification.
type Table struct {
	Resource *Resource
	Rows     []Row
}

// Add appends a row.
func (t *Table) Add(r Row) { t.Rows = append(t.Rows, r) }

// Encode writes the table as CSV: the specification's fields as the header,
// in its order, LF line ends. A row's field that the table does not have
// is a mistake of the export's, not of the data, and is an error.
func (t *Table) Encode() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	header := make([]string, len(t.Resource.Fields))
	for i, f := range t.Resource.Fields {
		header[i] = f.Name
	}
	w.Write(header)
	rec := make([]string, len(header))
	for i, r := range t.Rows {
		for name := range r {
			if !slices.Contains(header, name) {
				return nil, fmt.Errorf("hsds: %s row %d: the table has no field %q", t.Resource.Path, i+1, name)
			}
		}
		for j, name := range header {
			rec[j] = r[name]
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes(), w.Error()
}
