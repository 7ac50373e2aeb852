package build

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestMiles(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want                   float64
	}{
		{"same point", 40, -83, 40, -83, 0},
		{"one degree of latitude", 0, 0, 1, 0, 69.093},
		{"quarter of the equator", 0, 0, 0, 90, 6218.4},
		{"New York to Los Angeles", 40.7128, -74.0060, 34.0522, -118.2437, 2445.6},
		{"Columbus to Chicago", 39.9612, -82.9988, 41.8781, -87.6298, 275.6},
		{"across the date line", 51, 179.5, 51, -179.5, 43.5},
		{"antipodes", 0, 0, 0, 180, math.Pi * EarthRadiusMiles},
		{"ZIP 43215 to the Dayton test center", 39.96686, -83.01296, 39.76, -84.19, 64.039},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Miles(tt.lat1, tt.lon1, tt.lat2, tt.lon2)
			if math.Abs(got-tt.want) > 0.1 {
				t.Errorf("Miles = %.3f, want %.3f", got, tt.want)
			}
		})
	}
}

// TestNearestMatchesBruteForce compares the grid search with comparing
// every pair, on random points including clusters, ties and the date line.
func TestNearestMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var centers []*Center
	for i := range 3000 {
		c := &Center{ID: fmt.Sprintf("c%04d", i), Name: fmt.Sprintf("n%d", i%50), HasCoords: i%37 != 0}
		switch i % 3 {
		case 0: // spread over the United States
			c.Lat, c.Lon = 25+r.Float64()*24, -124+r.Float64()*57
		case 1: // a dense metro
			c.Lat, c.Lon = 39.9+r.Float64()*0.2, -83.1+r.Float64()*0.2
		case 2: // the Aleutians, across the date line
			c.Lat, c.Lon = 51+r.Float64(), 179+r.Float64()*2
			if c.Lon > 180 {
				c.Lon -= 360
			}
		}
		centers = append(centers, c)
	}
	centers = append(centers, &Center{ID: "twin", Name: "n1", Lat: centers[1].Lat, Lon: centers[1].Lon, HasCoords: true})
	wants := make([][]Neighbor, len(centers))
	for i, c := range centers {
		var all []Neighbor
		for _, o := range centers {
			if o != c && o.HasCoords && c.HasCoords {
				all = append(all, Neighbor{o, Miles(c.Lat, c.Lon, o.Lat, o.Lon)})
			}
		}
		sortNeighbors(all)
		wants[i] = all[:min(5, len(all))]
	}
	var pts []point
	for _, c := range centers {
		if c.HasCoords {
			pts = append(pts, newPoint(c))
		}
	}
	for i, c := range centers { // without a grid, as a rebuild searches a few centers
		got := closestAmong(pts, c, 5, &closest{})
		if !slices.EqualFunc(got, wants[i], func(a, b Neighbor) bool { return a.Center == b.Center && a.Miles == b.Miles }) {
			t.Fatalf("closestAmong: %s: nearest = %v, want %v", c.ID, ids(got), ids(wants[i]))
		}
	}
	for _, cols := range []int{180, 720, 7200} { // cells of 2, 0.5 and 0.05 degrees
		g := newGridCells(centers, 360/float64(cols), cols)
		for i, c := range centers {
			got := g.nearest(c, 5)
			if !slices.EqualFunc(got, wants[i], func(a, b Neighbor) bool { return a.Center == b.Center }) {
				t.Fatalf("cells of %g degrees: %s: nearest = %v, want %v", g.deg, c.ID, ids(got), ids(wants[i]))
			}
		}
	}
}

func TestNearestSmallSets(t *testing.T) {
	a := &Center{ID: "a", HasCoords: true, Lat: 40, Lon: -83}
	b := &Center{ID: "b", HasCoords: true, Lat: 41, Lon: -83}
	none := &Center{ID: "none"}
	g := newGrid([]*Center{a, b, none})
	if got := ids(g.nearest(a, 5)); !slices.Equal(got, []string{"b"}) {
		t.Errorf("nearest(a) = %v", got)
	}
	if got := g.nearest(none, 5); got != nil {
		t.Errorf("a center without coordinates has neighbours %v", ids(got))
	}
}

// nearest is nearestWith with a room of its own.
func (g *grid) nearest(c *Center, k int) []Neighbor {
	return g.nearestWith(c, k, &closest{})
}

// TestNearestHandWorked pins the neighbours of one center to a list worked
// out by hand (haversine, R = 3958.8), not by Miles and sortNeighbors,
// which the brute-force tests use to compute what they expect.
func TestNearestHandWorked(t *testing.T) {
	at := func(id, name string, lat, lon float64) *Center {
		return &Center{ID: id, Name: name, Lat: lat, Lon: lon, HasCoords: true}
	}
	home := at("home", "Home", 40, -83)
	centers := []*Center{
		home,
		at("far", "Far", 45, -83),                    // 345.470 miles: the sixth, left out
		at("west", "West", 40, -83.2),                // 10.586
		at("north-b", "Beta", 40.1, -83),             // 6.909, tied: by name
		at("north-a", "Alpha", 40.1, -83),            // 6.909
		at("east", "East", 40, -82.9),                // 5.293
		at("south", "South", 39.95, -83),             // 3.455
		at("twin-2", "Same Place", 40, -83),          // 0, tied with twin-1 by name: by id
		at("twin-1", "Same Place", 40, -83),          // 0
		{ID: "nowhere", Name: "A", HasCoords: false}, // no coordinates: never a neighbour
	}
	want := []struct {
		id    string
		miles float64
	}{{"twin-1", 0}, {"twin-2", 0}, {"south", 3.455}, {"east", 5.293}, {"north-a", 6.909}}
	got := newGrid(centers).nearest(home, 5)
	if len(got) != len(want) {
		t.Fatalf("nearest = %v, want %v", ids(got), want)
	}
	for i, w := range want {
		if got[i].ID != w.id || math.Abs(got[i].Miles-w.miles) > 0.001 {
			t.Errorf("neighbour %d: %s at %.3f miles, want %s at %.3f", i, got[i].ID, got[i].Miles, w.id, w.miles)
		}
	}
}

// TestSortNeighbors: nearest first; at the same distance by name, then id.
func TestSortNeighbors(t *testing.T) {
	n := func(id, name string, miles float64) Neighbor {
		return Neighbor{&Center{ID: id, Name: name}, miles}
	}
	ns := []Neighbor{n("c", "Oak", 2), n("b", "Oak", 2), n("a", "Pine", 2), n("d", "Zed", 1.5), n("e", "Ash", 2.5), n("f", "Elm", 2)}
	sortNeighbors(ns)
	if got, want := ids(ns), []string{"d", "f", "b", "c", "a", "e"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}
