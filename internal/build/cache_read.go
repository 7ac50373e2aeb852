package build

import (
	"bytes"
	"io"
	"sync/atomic"
	"unicode/utf8"
)

// readCenters is the one seam between the plain reading of the centers CSV
// (parseCenters) and the cache: without a cache (rc nil) it is
// parseCenters. With one, it reads only the records that changed since
// the cache was made, when it can, and fills rc.next for the next build.
func readCenters(path string, data []byte, v *Vocabulary, rep *report, rc *rowCache) []*Center {
	if rc == nil {
		return parseCenters(path, data, v, rep, nil)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if rc.prev != nil {
		var changed report
		if centers, ok := readChanged(path, data, v, &changed, rc); ok {
			rep.merge(&changed)
			return centers
		}
	}
	var spans []recordSpan
	centers := parseCenters(path, data, v, rep, func(i int, rec *record) {
		spans = append(spans[:i], recordSpan{rec.start, rec.end, rec.line})
	})
	if len(rep.errs) == 0 && len(centers) > 0 {
		rows := make([]cachedRow, len(centers))
		parallel(len(centers), func(i int) {
			centers[i].row = i
			rows[i] = newCachedRow(data, spans[i], centers[i], rc.codec)
		})
		rc.next = newCentersCache(data, spans[0].start, rows)
		rc.prev, rc.old = nil, nil // nothing was kept
	}
	return centers
}

// recordSpan is where a record lies in the file.
type recordSpan struct{ start, end, line int }

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
	room := make([]Center, n)                    // the kept centers, in one block
	opts := make([][]*Option, n*rc.codec.facets) // and their Options
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
			rows[i] = newCachedRow(data, recordSpan{rec.start, rec.end, rec.line}, centers[i], rc.codec)
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
		c, f := &room[i], rc.codec.facets
		if err := rc.codec.centerInto(c, opts[i*f:(i+1)*f], rows[i].center, rows[i].line); err != nil {
			failed.Store(true)
			return
		}
		// A kept row was checked against the last build's date: a build
		// that takes an earlier day as today (-now) must check it again.
		if !verifiedInRange(c.Verified, v.latestVerified) {
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
	}
	rc.next = newCentersCache(data, prev.header, rows)
	rc.old = old
	return centers, true
}
