package build

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file is the reference implementation of the search that
// static/app.js runs in the browser (docs/search.md).
// The browser tests compare the page with it, so the two agree rule for
// rule. The rules, stated once:
//
// Parameters. near is trimmed; "" means no search by distance. A ZIP code
// is 5 digits, optionally followed by -dddd (ignored), and is placed at its
// centroid from data/zips.csv; a ZIP code not in the table fails the search.
// Otherwise near must be "lat,lon" (decimal degrees, optional minus sign,
// spaces allowed around the comma, latitude -90..90, longitude -180..180);
// anything else fails the search. radius is read only with near: a
// decimal number of miles in (0, MaxRadius], else DefaultRadius with a
// problem noted. level, pay and med take every value of the parameter,
// split at commas, trimmed and lower-cased; unknown codes are ignored with
// a problem noted. q is folded (Fold) and split at white space.
//
// Matching. A failed search matches nothing. With near, a center matches
// when it has coordinates and its haversine distance (Miles, R = 3958.8) is
// at most radius. Within a facet the ticked codes are ORed; across facets,
// and with near and q, conditions are ANDed. Every word of q must occur in
// the folded name or the folded city.
//
// Order. With near: by distance, ties by name. Without: by name. Name
// order (byName) compares lower-cased names by code point, then ids; no
// locale rules, so that Go and JavaScript agree.
//
// Facet counts. For each option, the number of results the search would
// give if that option were ticked as well; for an option already ticked,
// the number of results of the search itself. Within a facet that has
// ticks, ticking one more widens the search (OR), so the count of an
// unticked option is at least the current result count.
//
// The empty search (no near, no q, no code) lists nothing in the browser:
// the page shows its prompt, the size of the directory and, by each option,
// how many centers have it (OptionCount), which is what FacetCounts gives.

// DefaultRadius is the radius, in miles, of a search that names none.
const DefaultRadius = 25

// MaxRadius is the largest radius, in miles, a search accepts.
const MaxRadius = 500

// FacetLevel is the URL parameter and checkbox name of the level of care.
const FacetLevel = "level"

// Params lists the URL parameters of the filters in the order the form
// shows them: the level of care, then each facet's.
func (s *Site) Params() []string {
	out := []string{FacetLevel}
	for _, f := range s.Facets {
		out = append(out, f.Param)
	}
	return out
}

// facetByParam finds the facet of a URL parameter; nil for level.
func (s *Site) facetByParam(param string) *Facet {
	for _, f := range s.Facets {
		if f.Param == param {
			return f
		}
	}
	return nil
}

// Query is one search, as its URL states it.
type Query struct {
	Near     string // as typed, trimmed; "" when the search is not by distance
	Point    LatLon // where Near is, when Located
	Located  bool
	Radius   float64
	Selected map[string][]string // facet name to codes ticked, in option order
	Words    []string            // folded words of q

	// Failed says that Near could not be placed (a bad value or an unknown
	// ZIP code), so the search has no results.
	Failed bool
	// Problems are the values that were wrong or ignored, in plain words.
	Problems []string
}

// Hit is a center a search found, with its distance when the search has a point.
type Hit struct {
	*Center
	Miles float64
}

var (
	zipQuery    = regexp.MustCompile(`^([0-9]{5})(?:-[0-9]{4})?$`)
	latLonQuery = regexp.MustCompile(`^(-?[0-9]{1,3}(?:\.[0-9]+)?)\s*,\s*(-?[0-9]{1,3}(?:\.[0-9]+)?)$`)
	radiusQuery = regexp.MustCompile(`^[0-9]+(?:\.[0-9]+)?$`)
)

// ParseQuery reads a search from the parameters of a page URL.
func (s *Site) ParseQuery(v url.Values) Query {
	q := Query{Radius: DefaultRadius, Selected: map[string][]string{}}
	q.Near = strings.TrimSpace(v.Get("near"))
	if q.Near != "" {
		q.parseRadius(strings.TrimSpace(v.Get("radius")))
		q.locate(s.ZIPs)
	}
	for _, f := range s.Params() {
		q.Selected[f] = q.codes(f, v[f], s.facetCodes(f))
	}
	q.Words = strings.Fields(Fold(v.Get("q")))
	return q
}

func (q *Query) parseRadius(r string) {
	if r == "" {
		return
	}
	f, err := strconv.ParseFloat(r, 64)
	if !radiusQuery.MatchString(r) || err != nil || f <= 0 || f > MaxRadius {
		q.Problems = append(q.Problems, fmt.Sprintf("the radius %q is not a number of miles from 1 to %d, so %d miles is used", r, MaxRadius, DefaultRadius))
		return
	}
	q.Radius = f
}

// locate turns Near into a point: a ZIP code's centroid, or a lat,lon pair.
func (q *Query) locate(zips map[string]LatLon) {
	if m := zipQuery.FindStringSubmatch(q.Near); m != nil {
		p, ok := zips[m[1]]
		if !ok {
			q.fail(fmt.Sprintf("the ZIP code %s is not one we know", m[1]))
			return
		}
		q.Point, q.Located = p, true
		return
	}
	m := latLonQuery.FindStringSubmatch(q.Near)
	if m == nil {
		q.fail(fmt.Sprintf("%q is neither a 5-digit ZIP code nor a lat,lon pair", q.Near))
		return
	}
	lat, _ := strconv.ParseFloat(m[1], 64)
	lon, _ := strconv.ParseFloat(m[2], 64)
	if lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		q.fail(fmt.Sprintf("%q is not a place on Earth: latitude runs from -90 to 90, longitude from -180 to 180", q.Near))
		return
	}
	q.Point, q.Located = LatLon{lat, lon}, true
}

func (q *Query) fail(problem string) {
	q.Failed = true
	q.Problems = append(q.Problems, problem)
}

// codes reads the codes of one facet: every value of the parameter, split
// at commas, trimmed and lower-cased. Unknown codes are dropped with a
// problem; the rest come back in option order, without repeats.
func (q *Query) codes(facet string, values []string, known []string) []string {
	var want []string
	for _, v := range values {
		for c := range strings.SplitSeq(v, ",") {
			c = strings.ToLower(strings.TrimSpace(c))
			switch {
			case c == "":
			case slices.Contains(known, c):
				want = append(want, c)
			default:
				q.Problems = append(q.Problems, fmt.Sprintf("%s %q is not an option here, so it was ignored", facet, c))
			}
		}
	}
	var out []string
	for _, k := range known {
		if slices.Contains(want, k) {
			out = append(out, k)
		}
	}
	return out
}

// Empty reports whether q asks for nothing: no place, no words, no filter.
// The page then shows its prompt rather than every center.
func (q Query) Empty() bool {
	if q.Near != "" || len(q.Words) > 0 {
		return false
	}
	for _, codes := range q.Selected {
		if len(codes) > 0 {
			return false
		}
	}
	return true
}

// facetCodes lists the codes of a filter in the order the form shows them.
func (s *Site) facetCodes(param string) []string {
	if param == FacetLevel {
		return levelCodes(s.Levels)
	}
	if f := s.facetByParam(param); f != nil {
		return optionCodes(f.Options)
	}
	return nil
}

// OptionCount is how many centers have an option: the count the search
// page shows next to it before anything is searched, which FacetCounts
// gives for the empty query.
func (s *Site) OptionCount(param, code string) int {
	if s.base != nil { // a translation counts the same centers
		return s.base.OptionCount(param, code)
	}
	s.optionCounts.once.Do(func() {
		levels := make([]int, len(s.Levels))
		options := make([][]int, len(s.Facets))
		for i, f := range s.Facets {
			options[i] = make([]int, len(f.Options))
		}
		for _, c := range s.Centers { // one pass: a large directory does not fit in the processor's caches
			countOptions(levels, s.Levels, c.Levels)
			for i, f := range s.Facets {
				countOptions(options[i], f.Options, c.Values(f))
			}
		}
		s.optionCounts.n = map[[2]string]int{}
		for i, l := range s.Levels {
			s.optionCounts.n[[2]string{FacetLevel, l.Code}] = levels[i]
		}
		for i, f := range s.Facets {
			for j, o := range f.Options {
				s.optionCounts.n[[2]string{f.Param, o.Code}] = options[i][j]
			}
		}
	})
	return s.optionCounts.n[[2]string{param, code}]
}

// countOptions adds one to counts[i] if have holds all[i], however often.
func countOptions[T comparable](counts []int, all, have []T) {
	for i, o := range have {
		if j := slices.Index(all, o); j >= 0 && !slices.Contains(have[:i], o) {
			counts[j]++
		}
	}
}

type optionCounts struct {
	once sync.Once
	n    map[[2]string]int
}

// centerCodes lists the codes a center has in a filter.
func (s *Site) centerCodes(c *Center, param string) []string {
	if param == FacetLevel {
		return levelCodes(c.Levels)
	}
	if f := s.facetByParam(param); f != nil {
		return optionCodes(c.Values(f))
	}
	return nil
}

// Search returns the centers that match q: nearest first when q has a
// point (ties by name), else by name.
func (s *Site) Search(q Query) []Hit {
	if q.Failed {
		return nil
	}
	var hits []Hit
	for _, c := range s.Centers {
		if h, ok := s.match(q, c); ok {
			hits = append(hits, h)
		}
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if c := cmp.Compare(a.Miles, b.Miles); c != 0 {
			return c
		}
		return byName(a.Center, b.Center)
	})
	return hits
}

func (s *Site) match(q Query, c *Center) (Hit, bool) {
	h := Hit{Center: c}
	if q.Near != "" {
		if !q.Located || !c.HasCoords {
			return h, false
		}
		h.Miles = Miles(q.Point.Lat, q.Point.Lon, c.Lat, c.Lon)
		if h.Miles > q.Radius {
			return h, false
		}
	}
	for _, f := range s.Params() {
		if sel := q.Selected[f]; len(sel) > 0 && !slices.ContainsFunc(s.centerCodes(c, f), func(code string) bool { return slices.Contains(sel, code) }) {
			return h, false
		}
	}
	return h, matchWords(c, q.Words)
}

// matchWords reports whether every word occurs in the center's name or city.
func matchWords(c *Center, words []string) bool {
	if len(words) == 0 {
		return true
	}
	name, city := Fold(c.Name), Fold(c.City)
	for _, w := range words {
		if !strings.Contains(name, w) && !strings.Contains(city, w) {
			return false
		}
	}
	return true
}

// Fold makes text comparable regardless of case and accents: it decomposes
// it (NFD), drops the combining marks and lower-cases what is left, as
// s.normalize('NFD').replace(/\p{M}/gu, ”).toLowerCase() does in the browser.
func Fold(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.M, r) {
			return -1
		}
		return r
	}, norm.NFD.String(s))
	return strings.ToLower(s)
}

// FacetCounts says, for every option of every facet, how many results the
// search would give with that option ticked as well: for an option already
// ticked, the number of results of q itself. A failed query counts nothing.
func (s *Site) FacetCounts(q Query) map[string]map[string]int {
	counts := map[string]map[string]int{}
	if q.Failed {
		return counts
	}
	current := len(s.Search(q))
	for _, f := range s.Params() {
		counts[f] = map[string]int{}
		for _, code := range s.facetCodes(f) {
			if slices.Contains(q.Selected[f], code) {
				counts[f][code] = current
				continue
			}
			wider := q
			wider.Selected = cloneSelection(q.Selected)
			wider.Selected[f] = append(slices.Clone(q.Selected[f]), code)
			counts[f][code] = len(s.Search(wider))
		}
	}
	return counts
}

func cloneSelection(m map[string][]string) map[string][]string {
	out := make(map[string][]string, len(m))
	for k, v := range m {
		out[k] = slices.Clone(v)
	}
	return out
}
