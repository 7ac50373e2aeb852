package build

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
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

// readCenters parses and validates a centers CSV. Every problem is recorded
// in rep; the centers returned, in file order, are only meaningful when rep
// has no errors. With a cache (rc not nil) it reads only the records that
// changed since the cache was made, when it can, and fills rc.next.
func readCenters(path string, data []byte, v *Vocabulary, rep *report, rc *rowCache) []*Center {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if rc != nil && rc.prev != nil {
		var changed report
		if centers, ok := readChanged(path, data, v, &changed, rc); ok {
			rep.merge(&changed)
			return centers
		}
	}
	recs := readRecords(path, data, v, rep)
	if recs == nil {
		return nil
	}
	// Records are independent until the duplicate check: validate them on
	// every core, each into its own report, then merge in file order, a
	// part at a time, so that a file of bad rows holds no more than a
	// part's errors at once.
	valid := make([]*Center, len(recs))
	centers := make([]*Center, 0, len(recs))
	seen := make(map[string]int, len(recs))
	for lo := 0; lo < len(recs); lo += validatePart {
		part := recs[lo:min(lo+validatePart, len(recs))]
		reps := make([]report, len(part))
		parallel(len(part), func(i int) { valid[lo+i] = validateRecord(path, part[i], v, &reps[i]) })
		for i, rec := range part {
			rep.merge(&reps[i])
			c := valid[lo+i]
			if c == nil {
				continue
			}
			if first, dup := seen[c.ID]; dup {
				line, col := rec.pos("id")
				rep.errorf(path, line, col, "duplicate id %q (first used on line %d)", c.ID, first)
				continue
			}
			seen[c.ID] = rec.line
			warnNoCoords(path, c, rep)
			centers = append(centers, c)
		}
	}
	if rc != nil && len(rep.errs) == 0 {
		rows := make([]cachedRow, len(recs))
		parallel(len(centers), func(i int) {
			centers[i].row = i
			rows[i] = newCachedRow(data, recs[i], centers[i], rc.codec)
		})
		rc.next = newCentersCache(data, recs[0].start, rows)
		rc.prev, rc.old = nil, nil // nothing was kept
	}
	return centers
}

// validatePart is how many records are validated at once (see readCenters).
const validatePart = 8192

func warnNoCoords(path string, c *Center, rep *report) {
	if !c.HasCoords {
		rep.warnOnce("nocoords", Diagnostic{Path: path, Line: c.Line,
			Msg: fmt.Sprintf("center %q has no lat/lon: it is listed but not found by distance", c.ID)})
	}
}

// readChanged reads data with the cache rc: the rows before and after the
// change come from the cache, and only the records between are read and
// validated. It reports false, having reported nothing that counts, when
// the whole file must be read: the header changed, or there is any
// problem, which a full read then reports as usual.
func readChanged(path string, data []byte, v *Vocabulary, rep *report, rc *rowCache) ([]*Center, bool) {
	prev := rc.prev
	pl, ok := prev.plan(data)
	if !ok || !utf8.Valid(data[pl.mid[0]:pl.mid[1]]) {
		return nil, false
	}
	header := data[:prev.header]
	var recs []record
	if pl.mid[0] == pl.mid[1] {
		if r, _ := readHeader(path, bytes.NewReader(header), v, rep); r == nil {
			return nil, false
		}
	} else {
		lineDelta := bytes.Count(data[prev.header:pl.mid[0]], []byte("\n"))
		input := io.MultiReader(bytes.NewReader(header), bytes.NewReader(data[pl.mid[0]:pl.mid[1]]))
		recs = readPart(path, input, v, lineDelta, pl.mid[0]-prev.header, rep)
	}
	kept := len(prev.rows) - pl.suffix
	n := pl.prefix + len(recs) + kept
	rows := make([]cachedRow, n)
	old := make([]int, n)
	centers := make([]*Center, n)
	var failed atomic.Bool
	parallel(n, func(i int) {
		var o int
		switch {
		case i < pl.prefix:
			o = i
			rows[i] = prev.rows[o]
		case i < pl.prefix+len(recs):
			var r report
			rec := recs[i-pl.prefix]
			if centers[i] = validateRecord(path, rec, v, &r); centers[i] == nil {
				failed.Store(true)
				return
			}
			rows[i] = newCachedRow(data, rec, centers[i], rc.codec)
			old[i] = -1
			centers[i].row = i
			return
		default:
			o = i - pl.prefix - len(recs) + pl.suffix
			rows[i] = prev.rows[o]
			rows[i].start += pl.shift
			rows[i].end += pl.shift
			rows[i].line += pl.lineShift
		}
		rows[i].near = nil
		c, err := rc.codec.center(rows[i].center, rows[i].line)
		if err != nil {
			failed.Store(true)
			return
		}
		c.row, old[i], centers[i] = i, o, c
	})
	if failed.Load() || len(rep.errs) > 0 || n == 0 {
		return nil, false
	}
	seen := make(map[string]bool, n)
	for _, c := range centers {
		if seen[c.ID] {
			return nil, false
		}
		seen[c.ID] = true
		warnNoCoords(path, c, rep)
	}
	rc.next = newCentersCache(data, prev.header, rows)
	rc.old = old
	return centers, true
}

// readRecords splits the file into records with encoding/csv, keeping the position
// of every field. It returns nil when the file cannot be read as a whole.
// A large file is read in parts on every core; if any part has a problem,
// the file is read again in one pass, which reports it as usual.
func readRecords(path string, data []byte, v *Vocabulary, rep *report) []record {
	if line, col, ok := FirstInvalidUTF8(data); !ok {
		rep.errorf(path, line, col, "invalid UTF-8: the file must be saved as UTF-8")
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		rep.errorf(path, 0, 0, "empty file: expected a header row and at least one center")
		return nil
	}
	if len(data) >= minPartedCSV {
		if recs, ok := readParts(path, data, v, runtime.GOMAXPROCS(0), rep); ok {
			return recs
		}
	}
	recs := readPart(path, bytes.NewReader(data), v, 0, 0, rep)
	if len(recs) == 0 && len(rep.errs) == 0 {
		rep.errorf(path, 1, 1, "no centers: the file has a header but no rows")
	}
	return recs
}

// minPartedCSV is the smallest file worth reading in parts.
const minPartedCSV = 256 << 10

// readParts reads the records after the header in n parts at once, each
// part with the header in front, and reports whether every part was read
// without a problem.
func readParts(path string, data []byte, v *Vocabulary, n int, rep *report) ([]record, bool) {
	bounds := recordBoundaries(data, n)
	if len(bounds) < 3 { // the header and one part: nothing to share
		return nil, false
	}
	header := data[:bounds[0]]
	parts := make([][]record, len(bounds)-1)
	reps := make([]report, len(parts))
	var wg sync.WaitGroup
	for k := range parts {
		wg.Go(func() {
			part := data[bounds[k]:bounds[k+1]]
			delta := bytes.Count(data[bounds[0]:bounds[k]], []byte("\n"))
			input := io.MultiReader(bytes.NewReader(header), bytes.NewReader(part))
			parts[k] = readPart(path, input, v, delta, bounds[k]-bounds[0], &reps[k])
		})
	}
	wg.Wait()
	for _, r := range reps {
		if len(r.errs) > 0 {
			return nil, false
		}
	}
	rep.merge(&reps[0]) // the header's warnings, once
	return slices.Concat(parts...), true
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
// records shift bytes later, counted from the end of the header.
func readPart(path string, input io.Reader, v *Vocabulary, lineDelta, shift int, rep *report) []record {
	r, columns := readHeader(path, input, v, rep)
	if r == nil {
		return nil
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
			rep.errs = append(rep.errs, CSVDiagnostic(path, err))
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				start = end
				continue // the reader is still in step; later rows can be checked
			}
			return nil
		}
		rec := newRecord(fields, r, columns, lineDelta)
		rec.start, rec.end = start+shift, end+shift
		recs = append(recs, rec)
		start = end
	}
	return recs
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

var (
	idPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	zipPattern = regexp.MustCompile(`^[0-9]{5}(-[0-9]{4})?$`)
)

// usps is every code DESIGN.md accepts for state.
var usps = strings.Fields(`AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT
	NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR VI GU AS MP FM MH PW`)

func isUSPS(code string) bool { return slices.Contains(usps, code) }

// validateRecord checks one record against DESIGN.md's rules, column by
// column as v declares them.
func validateRecord(path string, rec record, v *Vocabulary, rep *report) *Center {
	before := len(rep.errs)
	fail := func(column, format string, args ...any) {
		line, col := rec.pos(column)
		rep.errorf(path, line, col, format, args...)
	}
	c := &Center{Line: rec.line, Options: make([][]*Option, len(v.facets))}
	for _, col := range v.columns {
		col.read(c, &rec, v, fail)
	}
	if len(rep.errs) > before {
		return nil
	}
	return c
}

func checkText(s, column string, max int, required bool, fail func(string, string, ...any)) {
	switch {
	case s == "" && required:
		fail(column, "%s is required", column)
	case utf8.RuneCountInString(s) > max:
		fail(column, "%s is %d characters long; at most %d are allowed", column, utf8.RuneCountInString(s), max)
	case strings.ContainsFunc(s, unicode.IsControl):
		fail(column, "%s contains a control character (such as a line break or tab)", column)
	}
}

func parseCoords(latS, lonS string, fail func(string, string, ...any)) (lat, lon float64, ok bool) {
	latS, lonS = strings.TrimSpace(latS), strings.TrimSpace(lonS)
	if latS == "" && lonS == "" {
		return 0, 0, false
	}
	if latS == "" || lonS == "" {
		missing := "lat"
		if lonS == "" {
			missing = "lon"
		}
		fail(missing, "lat and lon go together: %s is empty", missing)
		return 0, 0, false
	}
	lat, okLat := parseDegrees(latS, 90, "lat", fail)
	lon, okLon := parseDegrees(lonS, 180, "lon", fail)
	return lat, lon, okLat && okLon
}

func parseDegrees(s string, limit float64, column string, fail func(string, string, ...any)) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != f {
		fail(column, "%s %q is not a decimal number of degrees", column, s)
		return 0, false
	}
	if f < -limit || f > limit {
		fail(column, "%s %s is out of range (-%g to %g)", column, s, limit, limit)
		return 0, false
	}
	return f, true
}

func parsePhone(column, s string, fail func(string, string, ...any)) Phone {
	s = strings.TrimSpace(s)
	if s == "" {
		return Phone{}
	}
	number, ext := splitExtension(strings.ToLower(s))
	digits := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r
		case strings.ContainsRune(" ()-.+/", r):
			return -1
		}
		return 'X'
	}, number)
	if len(digits) == 11 && digits[0] == '1' {
		digits = digits[1:]
	}
	if len(digits) != 10 || strings.Contains(digits, "X") {
		fail(column, "%s %q must have 10 digits (a leading 1 is allowed), with an optional extension like x123 or ext. 123", column, s)
		return Phone{}
	}
	return Phone{Digits: digits, Ext: ext}
}

// phoneExtensionMarks are the words that may come before an extension, in
// the order they are tried: a longer word before any of its own endings.
var phoneExtensionMarks = []string{"extension", "ext.", "ext", "x"}

// splitExtension splits a lower-case phone number from its extension: one
// to six digits at the end, after "x", "ext", "ext." or "extension" and
// optional white space ("555-0100 ext. 12" gives "555-0100" and "12"). It
// is the pattern ^(.*?)(?:\s*(?:x|ext\.?|extension)\s*([0-9]{1,6}))?$
// (held to it by FuzzSplitExtension) without its backtracking, which was
// a tenth of loading a large file.
func splitExtension(s string) (number, ext string) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	if n := len(s) - i; n == 0 || n > 6 {
		return s, ""
	}
	head := strings.TrimRight(s[:i], regexpSpace)
	for _, mark := range phoneExtensionMarks {
		if rest, ok := strings.CutSuffix(head, mark); ok {
			return strings.TrimRight(rest, regexpSpace), s[i:]
		}
	}
	return s, ""
}

// regexpSpace is what \s matches in a regular expression.
const regexpSpace = "\t\n\f\r "

func checkWebsite(s string, fail func(string, string, ...any)) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	u, err := parseWebURL(s)
	if err == nil {
		err = checkWebHost(u)
	}
	if err != nil {
		fail("website", "website %q: %v", s, err)
		return ""
	}
	return u
}

func checkDate(s string, fail func(string, string, ...any)) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		fail("verified", "verified %q must be a date written YYYY-MM-DD", s)
		return ""
	}
	return s
}
