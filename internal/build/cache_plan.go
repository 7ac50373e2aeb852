package build

import "bytes"

// plan says which rows of the cache a new version of the file keeps.
type plan struct {
	prefix    int // rows [0, prefix) are unchanged, at the same place
	suffix    int // rows [suffix, len) are unchanged, shift bytes and lineShift lines later
	shift     int
	lineShift int
	mid       [2]int // the bytes of the new file between, to read
}

// plan compares data with the file the cache was made from, record by
// record. It fails when the header differs.
func (c *centersCache) plan(data []byte) (plan, bool) {
	if len(data) < c.header || sumKey(data[:c.header]) != c.headerSum {
		return plan{}, false
	}
	same := func(r cachedRow, shift int) bool {
		at, end := r.start+shift, r.end+shift
		return at >= 0 && end <= len(data) && sumKey(data[at:end]) == r.sum
	}
	// A row is kept from the front if its bytes, with the line break that
	// ends them, are where they were.
	pre := 0
	for pre < len(c.rows) && data[min(c.rows[pre].end, len(data))-1] == '\n' && same(c.rows[pre], 0) {
		pre++
	}
	pl := plan{prefix: pre, suffix: len(c.rows), shift: len(data) - c.size}
	pl.mid = [2]int{c.header, len(data)}
	if pre > 0 {
		pl.mid[0] = c.rows[pre-1].end
	}
	// A row is kept from the back if it and everything after it are the
	// same bytes, and a record starts where they now do: right after the
	// rows kept from the front, or after a line break that ends what is
	// read between (which reading then checks is not inside quotes).
	last := c.header
	if len(c.rows) > 0 {
		last = c.rows[len(c.rows)-1].end
	}
	if tail := last + pl.shift; tail >= pl.mid[0] && sumKey(data[tail:]) == c.tailSum {
		for pl.suffix > pre {
			r := c.rows[pl.suffix-1]
			at := r.start + pl.shift
			if at < pl.mid[0] || !same(r, pl.shift) || (at > pl.mid[0] && data[at-1] != '\n') {
				break
			}
			pl.suffix--
		}
	}
	if pl.suffix < len(c.rows) {
		pl.mid[1] = c.rows[pl.suffix].start + pl.shift
		lines := c.headerLines // line breaks before the middle, the same in both
		for _, r := range c.rows[:pre] {
			lines += r.lines
		}
		oldLines := lines // and before the rows kept from the back, last time
		for _, r := range c.rows[pre:pl.suffix] {
			oldLines += r.lines
		}
		pl.lineShift = lines + bytes.Count(data[pl.mid[0]:pl.mid[1]], []byte("\n")) - oldLines
	}
	return pl, true
}
