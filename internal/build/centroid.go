package build

import "fmt"

// placeAtCentroids gives every center without lat and lon its ZIP code's
// centroid, so that a search by distance finds it (a spreadsheet rarely
// has coordinates, and a directory whose ZIP search finds nothing is
// worse than one whose distances are a mile or two off). Such a center
// is marked Approximate, for its page to say so. A center whose ZIP code
// the table does not know either is an error: it could never be found.
// A site without a ZIP table (already warned about) lists such centers
// but cannot place them.
func placeAtCentroids(path string, centers []*Center, zips map[string]LatLon, zipsName string, rep *report) {
	placed := 0
	for _, c := range centers {
		if c.HasCoords {
			continue
		}
		if zips == nil {
			rep.warnOnce("nocoords", Diagnostic{Path: path, Line: c.Line,
				Msg: fmt.Sprintf("center %q has no lat/lon and there is no ZIP table to place it: it is listed but not found by distance", c.ID)})
			continue
		}
		p, ok := zips[c.ZIP[:min(5, len(c.ZIP))]]
		if !ok {
			rep.errorf(path, c.Line, 0, "center %q has no lat/lon and its ZIP code %s is not in %s: add lat and lon, or correct the ZIP code",
				c.ID, c.ZIP, zipsName)
			continue
		}
		c.Lat, c.Lon, c.HasCoords, c.Approximate = p.Lat, p.Lon, true, true
		placed++
	}
	if placed > 0 {
		rep.warnOnce("centroid", Diagnostic{Path: path, Msg: fmt.Sprintf(
			"centers without lat/lon placed at their ZIP code's centroid from %s: %s; their pages say the location is approximate (add lat and lon for exact distances)",
			zipsName, Comma(placed))})
	}
}
