package build

import (
	"bytes"
	"fmt"
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
