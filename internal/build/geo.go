package build

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// EarthRadiusMiles is the radius docs/search.md fixes for distances.
const EarthRadiusMiles = 3958.8

// Miles is the great-circle (haversine) distance between two points.
func Miles(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * EarthRadiusMiles * math.Asin(math.Min(1, math.Sqrt(a)))
}

// Neighbor is a center near another, with the distance between them.
type Neighbor struct {
	*Center
	Miles float64
}

// grid is a spatial index of centers in cells of cellDeg degrees, so that a
// nearest-neighbour query looks at a few cells instead of every center.
// The cells are stored densely, row by row, over the latitudes the centers
// span; each cell is a run of points in pts.
type grid struct {
	pts   []point // every center with coordinates, ordered by cell
	start []int32 // the points of cell i are pts[start[i]:start[i+1]]
	minY  int
	maxY  int
	deg   float64 // the side of a cell, in degrees
	cols  int     // cells around the globe: 360 / deg
}

// point is a center with its position as a unit vector, whose squared
// chord length to another orders centers by distance without trigonometry.
type point struct {
	c        *Center
	x, y, z  float64
	lat, lon float64 // c's, kept here to measure without reading c
}

// cellDegrees is the side of the cells for n centers: 0.3 degrees for
// 20,000, smaller for more, so that a cell holds about as many centers
// whatever the size of the directory (a query looks at a few cells; were
// they fixed, it would look at ever more centers as the directory grows).
// Measured on synthetic directories of 20,000 and 100,000 centers, cells
// of 0.6 times those of 0.5 degrees for 20,000 were quickest at both sizes.
// It divides 360 degrees into a whole number of cells.
func cellDegrees(n int) (deg float64, cols int) {
	d := 0.3 * math.Sqrt(20000/float64(max(n, 1)))
	cols = int(math.Ceil(360 / min(max(d, 0.05), 2)))
	return 360 / float64(cols), cols
}

func (g *grid) cellOf(lat, lon float64) [2]int {
	return [2]int{int(math.Floor(lat / g.deg)), int(math.Floor(lon / g.deg))}
}

// col wraps a cell column into 0..cols-1, so that the cells either side
// of the date line are neighbours.
func (g *grid) col(x int) int { return ((x % g.cols) + g.cols) % g.cols }

func newPoint(c *Center) point {
	const rad = math.Pi / 180
	lat, lon := c.Lat*rad, c.Lon*rad
	return point{c: c, x: math.Cos(lat) * math.Cos(lon), y: math.Cos(lat) * math.Sin(lon), z: math.Sin(lat), lat: c.Lat, lon: c.Lon}
}

func newGrid(centers []*Center) *grid {
	n := 0
	for _, c := range centers {
		if c.HasCoords {
			n++
		}
	}
	deg, cols := cellDegrees(n)
	return newGridCells(centers, deg, cols)
}

// newGridCells is newGrid with cells of deg degrees, cols around the globe.
func newGridCells(centers []*Center, deg float64, cols int) *grid {
	g := &grid{minY: math.MaxInt, maxY: math.MinInt, deg: deg, cols: cols}
	for _, c := range centers {
		if c.HasCoords {
			y := g.cellOf(c.Lat, c.Lon)[0]
			g.minY, g.maxY = min(g.minY, y), max(g.maxY, y)
			g.pts = append(g.pts, newPoint(c))
		}
	}
	if len(g.pts) == 0 {
		return g
	}
	cell := func(p point) int {
		k := g.cellOf(p.c.Lat, p.c.Lon)
		return (k[0]-g.minY)*g.cols + g.col(k[1])
	}
	g.start = make([]int32, (g.maxY-g.minY+1)*g.cols+1)
	for _, p := range g.pts {
		g.start[cell(p)+1]++
	}
	for i := 1; i < len(g.start); i++ {
		g.start[i] += g.start[i-1]
	}
	sorted := make([]point, len(g.pts))
	next := slices.Clone(g.start)
	for _, p := range g.pts {
		i := cell(p)
		sorted[next[i]] = p
		next[i]++
	}
	g.pts = sorted
	return g
}

// cell is the points of the cell at row y and column x, if any.
func (g *grid) cell(y, x int) []point {
	if y < g.minY || y > g.maxY {
		return nil
	}
	i := (y-g.minY)*g.cols + g.col(x)
	return g.pts[g.start[i]:g.start[i+1]]
}

// nearestWith returns the k centers closest to c (c excluded), nearest
// first, ties broken by name then id. It searches rings of cells outwards
// and stops once no unsearched cell can hold anything closer than the k-th
// found, collecting candidates in best, whose room is used again from one
// search to the next.
func (g *grid) nearestWith(c *Center, k int, best *closest) []Neighbor {
	if !c.HasCoords || k <= 0 {
		return nil
	}
	if len(g.pts) <= k+1 {
		return g.everyOther(c, k)
	}
	home := g.cellOf(c.Lat, c.Lon)
	best.reset(newPoint(c), k)
	for r := 0; 2*r+1 <= g.cols; r++ {
		for y := home[0] - r; y <= home[0]+r; y++ {
			step := 2 * r
			if y == home[0]-r || y == home[0]+r || r == 0 {
				step = 1 // the top and bottom rows of the ring are whole
			}
			for x := home[1] - r; x <= home[1]+r; x += step {
				best.addAll(g.cell(y, x))
			}
		}
		if r > 0 && best.enough() && best.kthMiles() <= g.ringClearance(c.Lat, r) {
			return best.exact()
		}
	}
	return g.everyOther(c, k) // the rings wrapped around the globe
}

// closestAmong is the k points of pts closest to c (c excluded), nearest
// first, as grid.nearest finds them, by looking at every one; candidates
// are collected in best, as in nearestWith.
func closestAmong(pts []point, c *Center, k int, best *closest) []Neighbor {
	if !c.HasCoords || k <= 0 {
		return nil
	}
	best.reset(newPoint(c), k)
	best.addAll(pts)
	return best.exact()
}

// everyOther is nearest by brute force, for sets too small to need the grid.
func (g *grid) everyOther(c *Center, k int) []Neighbor {
	var found []Neighbor
	for _, o := range g.pts {
		if o.c != c {
			found = append(found, Neighbor{o.c, Miles(c.Lat, c.Lon, o.c.Lat, o.c.Lon)})
		}
	}
	sortNeighbors(found)
	return found[:min(k, len(found))]
}

// closest collects the candidates for the k nearest points to a point. It
// ranks them by squared chord length, which is cheap, keeping every one
// that rounding could place among the k nearest; exact then measures those
// few with Miles, as brute force would, so the result is the same.
type closest struct {
	from  point
	k     int
	kth   []float64 // the k smallest squared chords seen, ascending
	cands []chord
	found []Neighbor // exact's room
}

type chord struct {
	p  *point
	d2 float64
}

// reset starts a search for the k points closest to from, in the room of
// the last search.
func (b *closest) reset(from point, k int) {
	b.from, b.k = from, k
	b.kth, b.cands = b.kth[:0], b.cands[:0]
}

// within is the largest squared chord that may still be among the k nearest.
func (b *closest) within() float64 {
	if len(b.kth) < b.k {
		return math.Inf(1)
	}
	return b.kth[b.k-1]*(1+1e-9) + 1e-18
}

func (b *closest) addAll(pts []point) {
	for i := range pts {
		p := &pts[i]
		if p.c == b.from.c {
			continue
		}
		if d2 := chord2(*p, b.from); d2 <= b.within() {
			b.add(p, d2)
		}
	}
}

func (b *closest) add(p *point, d2 float64) {
	i, _ := slices.BinarySearch(b.kth, d2)
	if i < b.k {
		if len(b.kth) < b.k {
			b.kth = append(b.kth, 0)
		}
		copy(b.kth[i+1:], b.kth[i:])
		b.kth[i] = d2
	}
	b.cands = append(b.cands, chord{p, d2})
	if len(b.cands) > 8*b.k {
		b.prune()
	}
}

func (b *closest) prune() {
	lim := b.within()
	b.cands = slices.DeleteFunc(b.cands, func(c chord) bool { return c.d2 > lim })
}

func (b *closest) enough() bool { return len(b.kth) == b.k }

// kthMiles is a little more than the distance to the k-th nearest point
// found, from its chord, without measuring every candidate.
func (b *closest) kthMiles() float64 {
	chord := math.Sqrt(b.kth[b.k-1])
	return 2*math.Asin(min(chord/2, 1))*EarthRadiusMiles*(1+1e-6) + 1e-6
}

// exact is the k nearest candidates, measured and ordered as docs/search.md says.
func (b *closest) exact() []Neighbor {
	b.prune()
	from := b.from
	found := b.found[:0]
	for _, o := range b.cands {
		found = append(found, Neighbor{o.p.c, Miles(from.lat, from.lon, o.p.lat, o.p.lon)})
	}
	sortNeighbors(found)
	b.found = found
	return slices.Clone(found[:min(b.k, len(found))])
}

// ringClearance is a lower bound on the distance from a point at latitude
// lat to any cell outside the rings searched so far (r rings around its own
// cell): such a cell is at least r cells away in latitude, or at least r
// cells away in longitude, and the nearest a point that far east or west
// can be is on the meridian at that distance.
func (g *grid) ringClearance(lat float64, r int) float64 {
	const rad = math.Pi / 180
	deg := float64(r) * g.deg
	latMiles := deg * rad * EarthRadiusMiles
	lonMiles := math.Asin(math.Cos(lat*rad)*math.Sin(math.Min(deg, 90)*rad)) * EarthRadiusMiles
	return math.Min(latMiles, lonMiles)
}

func sortNeighbors(ns []Neighbor) {
	slices.SortFunc(ns, func(a, b Neighbor) int {
		if c := cmp.Compare(a.Miles, b.Miles); c != 0 {
			return c // most often: the names, which cost a trip to memory, are not read
		}
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
}

func chord2(a, b point) float64 {
	dx, dy, dz := a.x-b.x, a.y-b.y, a.z-b.z
	return dx*dx + dy*dy + dz*dz
}
