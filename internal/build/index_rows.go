package build

import (
	"math"
	"strconv"
)

// indexRow is a center's row of the search index (appendRow) as a cell
// holds it, with its coordinates when it has them; the list holds the row
// without them, text[:rowLen].
type indexRow struct {
	text   string
	rowLen int
}

// listRow is the row as the list holds it, without coordinates.
func (r indexRow) listRow() string { return r.text[:r.rowLen] }

// indexInput is what a center's index row depends on beyond its record in
// the CSV, whose bytes the cache compares: whether it is stale (the build
// date), and its coordinates, which may come from data/zips.csv.
type indexInput struct {
	stale, hasCoords bool
	lat, lon         uint64 // the bits of each, so that -0 and 0 differ as their text does
}

func indexInputOf(c *Center) indexInput {
	return indexInput{c.stale, c.HasCoords, math.Float64bits(c.Lat), math.Float64bits(c.Lon)}
}

// indexShape is the key of what every index row depends on besides its
// center: the order of the levels and of each facet's options, whose
// places are the bits of a row.
func indexShape(s *Site) Key {
	var b []byte
	for _, l := range s.Levels {
		b = append(append(b, l.Code...), 0)
	}
	for _, f := range s.Facets {
		b = append(append(b, 1), f.Column...)
		for _, o := range f.Options {
			b = append(append(b, 0), o.Code...)
		}
	}
	return sumKey(strconv.AppendInt(b, indexVersion, 10))
}

// indexRows is the index row of every center, by its place in
// s.Centers. With a cache, a center read from it keeps the row it had
// when nothing the row depends on changed, so that a rebuild makes only
// the rows of the centers that did; the rows go into the cache for the
// next build. rc may be nil: then every row is made.
func (rc *rowCache) indexRows(s *Site) []indexRow {
	shape := indexShape(s)
	rows := make([]indexRow, len(s.Centers))
	parallelChunks(len(s.Centers), func(lo, hi int) {
		var buf []byte
		var made []int // the centers whose rows are made, with their ends in buf
		var ends []int
		for i := lo; i < hi; i++ {
			if r, ok := rc.keptIndexRow(s.Centers[i], shape); ok {
				rows[i] = r
				continue
			}
			c := s.Centers[i]
			buf = appendRow(buf, s, c)
			rows[i].rowLen = len(buf) - endOf(ends)
			if c.HasCoords {
				buf = appendCoords(buf, c)
			}
			made, ends = append(made, i), append(ends, len(buf))
		}
		text := string(buf) // the chunk's new rows in one string
		for j, i := range made {
			start := 0
			if j > 0 {
				start = ends[j-1]
			}
			rows[i].text = text[start:ends[j]]
		}
	})
	if rc != nil && len(rc.next.rows) > 0 {
		rc.next.indexShape = shape
		for i, c := range s.Centers {
			rc.next.rows[c.row].index, rc.next.rows[c.row].indexFor = rows[i], indexInputOf(c)
		}
	}
	return rows
}

// endOf is the last of ends, or 0.
func endOf(ends []int) int {
	if len(ends) == 0 {
		return 0
	}
	return ends[len(ends)-1]
}

// keptIndexRow is the row c had in the last build, if it was read from
// the cache and neither it nor anything its row depends on changed.
func (rc *rowCache) keptIndexRow(c *Center, shape Key) (indexRow, bool) {
	if !rc.reusing() || rc.prev.indexShape != shape {
		return indexRow{}, false
	}
	o := rc.old[c.row]
	if o < 0 {
		return indexRow{}, false
	}
	r := rc.prev.rows[o]
	if r.index.text == "" || r.indexFor != indexInputOf(c) {
		return indexRow{}, false
	}
	return r.index, true
}
