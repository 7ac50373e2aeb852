package build

import (
	"bytes"
	"fmt"
	"io"
	"sync/atomic"
	"unicode/utf8"
)

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
