package build

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gocarina/gocsv"
)

// record is one CSV record, as text, with the positions of its fields:
// every value is checked afterwards so that every problem can be reported
// with its position.
type record struct {
	fields     []string
	columns    map[string]int // the header's columns by name
	line       int
	start, end int // the record's bytes in the file, from the line break before it
	pos        func(column string) (line, col int)
}

// get is the text of a column, "" when the file does not have it.
func (r *record) get(column string) string {
	if i, ok := r.columns[column]; ok && i < len(r.fields) {
		return r.fields[i]
	}
	return ""
}

// readRecords splits the file into records with encoding/csv, keeping the
// position of every field. It returns nil when the file cannot be read as a
// whole. It collects what scanRecords gives, batch by batch.
func readRecords(path string, data []byte, v *Vocabulary, rep *report) []record {
	var recs []record
	if !scanRecords(path, data, v, rep, nil, func(b []record) { recs = append(recs, b...) }) {
		return nil
	}
	return recs
}

// scanRecords reads the file's records and gives them to each, a batch at
// a time and in file order, so that no more than a few batches are held at
// once. It reports false when the file cannot be read as a whole. A large
// file is read in parts on every core; if any part has a problem, restart
// is called and the file is read again in one pass, which reports it as
// usual.
func scanRecords(path string, data []byte, v *Vocabulary, rep *report, restart func(), each func([]record)) bool {
	if line, col, ok := FirstInvalidUTF8(data); !ok {
		rep.errorf(path, line, col, "invalid UTF-8: the file must be saved as UTF-8")
		return false
	}
	if len(bytes.TrimSpace(data)) == 0 {
		rep.errorf(path, 0, 0, "empty file: expected a header row and at least one center")
		return false
	}
	if len(data) >= minPartedCSV {
		workers := runtime.GOMAXPROCS(0)
		parts := max(workers, len(data)/partBytes)
		if scanParts(path, data, v, parts, workers, rep, each) {
			return true
		}
		if restart != nil {
			restart()
		}
	}
	n := 0
	ok := scanPart(path, bytes.NewReader(data), v, 0, 0, rep, func(b []record) { n += len(b); each(b) })
	if ok && n == 0 && len(rep.errs) == 0 {
		rep.errorf(path, 1, 1, "no centers: the file has a header but no rows")
	}
	return ok
}

// minPartedCSV is the smallest file worth reading in parts.
const minPartedCSV = 256 << 10

// partBytes is about how large a part of a large file is: small enough
// that the records of a part on each core take little memory, large
// enough that starting a part costs nothing that shows.
const partBytes = 1 << 20

// readParts reads the records after the header in n parts at once, each
// part with the header in front, and reports whether every part was read
// without a problem. It collects what scanParts gives.
func readParts(path string, data []byte, v *Vocabulary, n int, rep *report) ([]record, bool) {
	var recs []record
	ok := scanParts(path, data, v, n, n, rep, func(b []record) { recs = append(recs, b...) })
	return recs, ok
}

// scanParts reads the records after the header in about n parts, workers
// at a time, each part with the header in front, and gives each part's
// records to each in file order. It reports whether every part was read
// without a problem; when one was not, it stops, and what each was given
// is to be thrown away. Only warnings are added to rep, once (the header's).
func scanParts(path string, data []byte, v *Vocabulary, n, workers int, rep *report, each func([]record)) bool {
	bounds := recordBoundaries(data, n)
	if len(bounds) < 3 { // the header and one part: nothing to share
		return false
	}
	header := data[:bounds[0]]
	var warnings report // the header's, from the first part
	for lo := 0; lo < len(bounds)-1; lo += workers {
		hi := min(lo+workers, len(bounds)-1)
		parts := make([][]record, hi-lo)
		reps := make([]report, hi-lo)
		var wg sync.WaitGroup
		for k := lo; k < hi; k++ {
			wg.Go(func() {
				part := data[bounds[k]:bounds[k+1]]
				delta := bytes.Count(data[bounds[0]:bounds[k]], []byte("\n"))
				input := io.MultiReader(bytes.NewReader(header), bytes.NewReader(part))
				parts[k-lo] = readPart(path, input, v, delta, bounds[k]-bounds[0], &reps[k-lo])
			})
		}
		wg.Wait()
		for _, r := range reps {
			if len(r.errs) > 0 || r.more > 0 {
				return false
			}
		}
		if lo == 0 {
			warnings = reps[0]
		}
		for _, p := range parts {
			each(p)
		}
	}
	rep.merge(&warnings)
	return true
}

// recordBoundaries splits data into the header and about n parts of
// records, at line breaks outside quotes, and returns the offsets where the
// parts start, then len(data). In a file that encoding/csv reads, quotes
// only open and close fields or come doubled inside them, so a line break
// after an even number of quotes ends a record. (In any other file a part
// fails to read and the caller reads the file in one pass.)
func recordBoundaries(data []byte, n int) []int {
	var bounds []int
	quoted := false
	size, next := 0, 0 // a part's size; where the next part starts, at the earliest
	for i := 0; i < len(data); {
		j := bytes.IndexAny(data[i:], "\"\n")
		if j < 0 {
			break
		}
		i += j
		if data[i] == '"' {
			quoted = !quoted
		} else if !quoted && i+1 >= next && i+1 < len(data) {
			if bounds = append(bounds, i+1); len(bounds) == 1 {
				size = (len(data) - i - 1) / n
			}
			next = i + 1 + size
		}
		i++
	}
	return append(bounds, len(data))
}

// readPart reads the CSV in input, whose first record is the header. Its
// lines are lineDelta lines later in the file than in input, and its
// records shift bytes later, counted from the end of the header. It
// collects what scanPart gives, and returns nil when input cannot be read.
func readPart(path string, input io.Reader, v *Vocabulary, lineDelta, shift int, rep *report) []record {
	var recs []record
	if !scanPart(path, input, v, lineDelta, shift, rep, func(b []record) { recs = append(recs, b...) }) {
		return nil
	}
	return recs
}

// scanPart is readPart giving the records to each, validatePart at a time.
// It reports false when input cannot be read past a problem.
func scanPart(path string, input io.Reader, v *Vocabulary, lineDelta, shift int, rep *report, each func([]record)) bool {
	r, columns := readHeader(path, input, v, rep)
	if r == nil {
		return false
	}
	var recs []record
	start := int(r.InputOffset())
	for {
		fields, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		end := int(r.InputOffset())
		if err != nil {
			rep.addErrors([]Diagnostic{CSVDiagnostic(path, err)}, 0) // kept within maxErrors
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				start = end
				continue // the reader is still in step; later rows can be checked
			}
			return false
		}
		rec := newRecord(fields, r, columns, lineDelta)
		rec.start, rec.end = start+shift, end+shift
		recs = append(recs, rec)
		start = end
		if len(recs) == validatePart {
			each(recs)
			recs = nil
		}
	}
	if len(recs) > 0 {
		each(recs)
	}
	return true
}

// readHeader reads and checks the header of the CSV in input. It returns
// the reader positioned after it (nil if the records cannot be read) and
// each column's place.
func readHeader(path string, input io.Reader, v *Vocabulary, rep *report) (*csv.Reader, map[string]int) {
	r := csv.NewReader(input)
	header, err := r.Read()
	if err != nil {
		rep.errs = append(rep.errs, CSVDiagnostic(path, err))
		return nil, nil
	}
	headers := normalizeHeaders(header)
	if !checkHeader(path, headers, v, rep) {
		return nil, nil
	}
	columns := make(map[string]int, len(headers))
	for i, h := range headers {
		if _, dup := columns[h]; !dup {
			columns[h] = i
		}
	}
	return r, columns
}

func newRecord(fields []string, r *csv.Reader, columns map[string]int, lineDelta int) record {
	n := len(fields)
	lines, cols := make([]int, 0, n), make([]int, 0, n)
	for i := 0; ; i++ {
		line, col, ok := fieldPos(r, i)
		if !ok {
			break
		}
		lines, cols = append(lines, line+lineDelta), append(cols, col)
	}
	rec := record{fields: fields, columns: columns, line: lines[0]}
	rec.pos = func(column string) (int, int) {
		if i, ok := columns[column]; ok && i < len(lines) {
			return lines[i], cols[i]
		}
		return lines[0], 1
	}
	return rec
}

// fieldPos is csv.Reader.FieldPos without its panic for a field out of range.
func fieldPos(r *csv.Reader, i int) (line, col int, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	line, col = r.FieldPos(i)
	return line, col, true
}

func normalizeHeaders(h []string) []string {
	out := make([]string, len(h))
	for i, s := range h {
		out[i] = strings.ToLower(strings.TrimSpace(s))
	}
	return out
}

// checkHeader reports missing and duplicate columns (errors) and unknown
// columns (a warning). It says whether the records can be read.
func checkHeader(path string, headers []string, v *Vocabulary, rep *report) bool {
	names := v.Columns()
	known := map[string]bool{}
	for _, f := range names {
		known[f] = true
	}
	ok := true
	have := map[string]bool{}
	col := 1
	for _, h := range headers {
		switch {
		case have[h]:
			rep.errorf(path, 1, col, "duplicate column %q", h)
			ok = false
		case !known[h]:
			rep.warnOnce("column:"+h, Diagnostic{Path: path, Line: 1, Col: col,
				Msg: fmt.Sprintf("unknown column %q is ignored%s", h, suggestion(h, names))})
		}
		have[h] = true
		col += len(h) + 1
	}
	for _, c := range fixedColumns {
		if c.required && !have[c.name] {
			rep.errorf(path, 1, 1, "missing required column %q", c.name)
			ok = false
		}
	}
	if have["lat"] != have["lon"] {
		rep.errorf(path, 1, 1, "columns lat and lon go together: the file has only one of them")
		ok = false
	}
	return ok
}

// CSVDiagnostic locates an error of encoding/csv (or gocsv) in the file
// path, in plain words: the messages every reader of centers CSVs shares.
func CSVDiagnostic(path string, err error) Diagnostic {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrFieldCount):
			msg = "wrong number of fields: the row must have one field per column of the header"
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg = `bare " in a field: a field with quotes must be quoted as a whole, with quotes doubled ("")`
		case errors.Is(pe.Err, csv.ErrQuote):
			msg = `unterminated or misplaced " in a quoted field`
		}
		return Diagnostic{Path: path, Line: pe.Line, Col: pe.Column, Msg: msg}
	}
	if errors.Is(err, gocsv.ErrEmptyCSVFile) || errors.Is(err, io.EOF) {
		return Diagnostic{Path: path, Msg: "empty file: expected a header row and at least one center"}
	}
	return Diagnostic{Path: path, Line: 1, Col: 1, Msg: err.Error()}
}

// FirstInvalidUTF8 finds the line and column of the first byte that is
// not UTF-8; ok means there is none.
func FirstInvalidUTF8(b []byte) (line, col int, ok bool) {
	if utf8.Valid(b) {
		return 0, 0, true
	}
	line, col = 1, 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			return line, col, false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col += size
		}
		b = b[size:]
	}
	return line, col, false
}
