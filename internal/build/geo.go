package build

import (
	"cmp"
	"math"
	"slices"
)

// EarthRadiusMiles is the radius DESIGN.md fixes for distances.
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
type grid struct {
	cells map[[2]int][]*Center
	all   []*Center // every center with coordinates
	minY  int
	maxY  int
}

const cellDeg = 0.5

func cellOf(lat, lon float64) [2]int {
	return [2]int{int(math.Floor(lat / cellDeg)), int(math.Floor(lon / cellDeg))}
}

func newGrid(centers []*Center) *grid {
	g := &grid{cells: map[[2]int][]*Center{}, minY: math.MaxInt, maxY: math.MinInt}
	for _, c := range centers {
		if !c.HasCoords {
			continue
		}
		k := cellOf(c.Lat, c.Lon)
		g.cells[k] = append(g.cells[k], c)
		g.all = append(g.all, c)
		g.minY, g.maxY = min(g.minY, k[0]), max(g.maxY, k[0])
	}
	return g
}

// nearest returns the k centers closest to c (c excluded), nearest first,
// ties broken by name then id. It searches rings of cells outwards and stops
// once no unsearched cell can hold anything closer than the k-th found.
func (g *grid) nearest(c *Center, k int) []Neighbor {
	if !c.HasCoords || k <= 0 {
		return nil
	}
	if len(g.all) <= k+1 {
		return g.everyOther(c, k)
	}
	home := cellOf(c.Lat, c.Lon)
	var found []Neighbor
	cols := int(360 / cellDeg)
	for r := 0; ; r++ {
		if home[0]-r < g.minY && home[0]+r > g.maxY && r > cols/2 {
			break
		}
		for _, cell := range ring(home, r, cols) {
			for _, o := range g.cells[cell] {
				if o != c {
					found = append(found, Neighbor{o, Miles(c.Lat, c.Lon, o.Lat, o.Lon)})
				}
			}
		}
		if len(found) >= k && r > 0 {
			sortNeighbors(found)
			found = found[:k]
			if found[k-1].Miles <= ringClearance(c.Lat, r) {
				return found
			}
		}
	}
	sortNeighbors(found)
	return found[:min(k, len(found))]
}

// everyOther is nearest by brute force, for sets too small to need the grid.
func (g *grid) everyOther(c *Center, k int) []Neighbor {
	var found []Neighbor
	for _, o := range g.all {
		if o != c {
			found = append(found, Neighbor{o, Miles(c.Lat, c.Lon, o.Lat, o.Lon)})
		}
	}
	sortNeighbors(found)
	return found[:min(k, len(found))]
}

// ringClearance is a lower bound on the distance from a point to any cell
// outside the rings searched so far (r rings around its own cell).
func ringClearance(lat float64, r int) float64 {
	deg := float64(r) * cellDeg
	latMiles := deg * math.Pi / 180 * EarthRadiusMiles
	// a degree of longitude shrinks towards the poles; use the narrowest
	// latitude the rings reach so the bound stays a lower bound.
	far := math.Min(89.9, math.Abs(lat)+deg)
	lonMiles := latMiles * math.Cos(far*math.Pi/180)
	return math.Min(latMiles, lonMiles)
}

// ring lists the cells at Chebyshev distance r from home, wrapping longitude.
func ring(home [2]int, r, cols int) [][2]int {
	if r == 0 {
		return [][2]int{home}
	}
	var cells [][2]int
	seen := map[[2]int]bool{}
	for dx := -r; dx <= r; dx++ {
		addWrapped(&cells, seen, home[0]-r, home[1]+dx, cols)
		addWrapped(&cells, seen, home[0]+r, home[1]+dx, cols)
	}
	for dy := -r + 1; dy <= r-1; dy++ {
		addWrapped(&cells, seen, home[0]+dy, home[1]-r, cols)
		addWrapped(&cells, seen, home[0]+dy, home[1]+r, cols)
	}
	return cells
}

func addWrapped(cells *[][2]int, seen map[[2]int]bool, y, x, cols int) {
	half := cols / 2
	x = ((x+half)%cols+cols)%cols - half
	k := [2]int{y, x}
	if !seen[k] {
		seen[k] = true
		*cells = append(*cells, k)
	}
}

func sortNeighbors(ns []Neighbor) {
	slices.SortFunc(ns, func(a, b Neighbor) int {
		return cmp.Or(cmp.Compare(a.Miles, b.Miles), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
}
