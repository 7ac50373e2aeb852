package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// table is the centers CSV read as generic records, so that columns the
// importer does not know are kept as they are.
type table struct {
	header []string       // as written in the file
	col    map[string]int // lower-case name to index
	rows   [][]string
	lines  []int // each row's line in the file, for messages
}

func newTable(header []string) *table {
	t := &table{header: header, col: map[string]int{}}
	for i, h := range header {
		t.col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	return t
}

// readTable reads the centers CSV; a file that does not exist gives an
// empty table with the given columns.
func readTable(path string, columns []string) (*table, []byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return newTable(columns), nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, csvError(path, err)
	}
	t := newTable(header)
	for {
		rec, err := r.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, nil, csvError(path, err)
		}
		line, _ := r.FieldPos(0)
		for len(rec) < len(header) {
			rec = append(rec, "")
		}
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	return t, data, nil
}

func csvError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return inputErrorf(path, fmt.Sprintf("%d:%d", pe.Line, pe.Column), "%v (check the quotes in that row)", pe.Err)
	}
	return inputErrorf(path, "", "%v", err)
}

// get is a row's value in a column, or "" when the table lacks it.
func (t *table) get(row []string, column string) string {
	if i, ok := t.col[column]; ok && i < len(row) {
		return row[i]
	}
	return ""
}

// ensure adds a column at the end when the table lacks it, widening every
// row.
func (t *table) ensure(column string) int {
	if i, ok := t.col[column]; ok {
		return i
	}
	t.header = append(t.header, column)
	t.col[column] = len(t.header) - 1
	for i := range t.rows {
		t.rows[i] = append(t.rows[i], "")
	}
	return len(t.header) - 1
}

// encode writes the table as CSV with LF line ends.
func (t *table) encode() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(t.header)
	w.WriteAll(t.rows)
	return b.Bytes(), w.Error()
}

// writeAtomic replaces a file by a complete new one: the data goes to a
// temporary file in the same folder, which is then renamed over it, so
// that a reader sees the old file or the new, never half of one.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
