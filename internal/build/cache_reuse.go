package build

import (
	"math"
	"slices"
	"sync"
)

// order is the centers of this build, given by row, in the order cmp
// sorts them. With a cache, the centers kept from the last build come in
// the order they had then, which cmp still gives them, and only the new
// ones are sorted and put in their places: no sort of the whole.
func (rc *rowCache) order(byRow []*Center, last func(*centersCache) []int, cmp func(a, b *Center) int) []*Center {
	if !rc.reusing() {
		out := slices.Clone(byRow)
		slices.SortFunc(out, cmp)
		return out
	}
	newRow := make([]int, len(rc.prev.rows))
	for i := range newRow {
		newRow[i] = -1
	}
	var fresh []*Center
	for i, o := range rc.old {
		if o >= 0 {
			newRow[o] = i
		} else {
			fresh = append(fresh, byRow[i])
		}
	}
	kept := make([]*Center, 0, len(byRow))
	for _, o := range last(rc.prev) {
		if i := newRow[o]; i >= 0 {
			kept = append(kept, byRow[i])
		}
	}
	slices.SortFunc(fresh, cmp)
	out := make([]*Center, 0, len(byRow))
	for _, c := range fresh {
		i, _ := slices.BinarySearchFunc(kept, c, cmp)
		out = append(append(out, kept[:i]...), c)
		kept = kept[i:]
	}
	return append(out, kept...)
}

// neighbourReuse answers, for a center read from the cache, the nearest
// neighbours it had, when they still hold.
type neighbourReuse struct {
	rc    *rowCache
	now   []*Center // the center each row of the cache is now, or nil
	fresh []*Center // the centers read from the file, with coordinates
	all   func() []point
}

// maxFreshForReuse is how many changed centers are worth checking every
// kept center against; past it, every neighbour is searched again.
const maxFreshForReuse = 512

// reusing reports whether this build took rows from the cache.
func (rc *rowCache) reusing() bool { return rc != nil && rc.prev != nil && rc.old != nil }

// reusable prepares the reuse of neighbours, or returns nil when there is
// nothing to reuse.
func (rc *rowCache) reusable(centers []*Center) *neighbourReuse {
	if !rc.reusing() {
		return nil
	}
	r := &neighbourReuse{rc: rc, now: make([]*Center, len(rc.prev.rows))}
	for _, c := range centers {
		if o := rc.old[c.row]; o >= 0 && !rc.moved(c, o) {
			r.now[o] = c
		} else if c.HasCoords {
			r.fresh = append(r.fresh, c)
		}
	}
	if len(r.fresh) > maxFreshForReuse {
		return nil
	}
	r.all = sync.OnceValue(func() []point { // every center with coordinates, to search among
		pts := make([]point, 0, len(centers))
		for _, c := range centers {
			if c.HasCoords {
				pts = append(pts, newPoint(c))
			}
		}
		return pts
	})
	return r
}

// moved reports whether c, read from row o of the cache, is not where it
// was: a center without lat/lon in the CSV is placed at its ZIP code's
// centroid, which data/zips.csv may have moved since, while its record
// stayed the same.
func (rc *rowCache) moved(c *Center, o int) bool {
	was := rc.prev.rows[o].indexFor
	return was.hasCoords != c.HasCoords || was.lat != math.Float64bits(c.Lat) || was.lon != math.Float64bits(c.Lon)
}

// nearby is the neighbours c had, in the room of into, if none of them
// changed and no changed center is as near as the farthest of them (or,
// when it had fewer than nearbyCount, anywhere): then they are still its
// nearest. A changed center exactly as far may come first by its name, so
// it too means a search.
func (r *neighbourReuse) nearby(c *Center, into []Neighbor) ([]Neighbor, bool) {
	o := r.rc.old[c.row]
	if o < 0 || r.now[o] != c { // changed, or moved
		return nil, false
	}
	prev := r.rc.prev.rows[o].near
	if !c.HasCoords || len(prev) == 0 {
		return nil, !c.HasCoords
	}
	out := into[:len(prev)]
	farthest := 0.0
	for i, n := range prev {
		if out[i].Center = r.now[n.row]; out[i].Center == nil {
			return nil, false
		}
		out[i].Miles = n.miles
		farthest = max(farthest, n.miles)
	}
	if len(out) < nearbyCount && len(r.fresh) > 0 {
		return nil, false
	}
	for _, f := range r.fresh {
		if Miles(c.Lat, c.Lon, f.Lat, f.Lon) <= farthest {
			return nil, false
		}
	}
	return out, true
}
