// Package synth writes synthetic, plainly fictional treatment-center data in
// the data/centers.csv format: the example data set that ships with the site
// and the large data sets the benchmarks build.
//
// Every row passes the rules of data/centers.csv: names say "Example", phone
// numbers lie in the reserved fictional range 555-0100..555-0199 and websites
// are under example.org. Output depends only on the Options, so the same
// options always give byte-identical files.
package synth

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ZIP is one ZIP code tabulation area with its internal point.
type ZIP struct {
	Code     string
	Lat, Lon float64
}

// Options says what Write generates.
type Options struct {
	N       int    // number of centers
	Seed    uint64 // seed of the random generator
	ZIPs    []ZIP  // where centers may be placed
	Example bool   // the shipped example set: a few metro areas, real city names
	// People places centers in proportion to where people live rather
	// than evenly over the ZIP codes (see peopleWeights).
	People bool

	// Columns is the header, in order, and Facets the facet columns with
	// their codes: build.Vocabulary's Columns and Facets for a site. When
	// nil, DefaultColumns and DefaultFacets, the repository's own
	// content/facets.toml (a test in internal/build holds them to it).
	Columns []string
	Facets  []Facet
}

// Facet is a facet column Write fills, with its option codes in order.
type Facet struct {
	Column string
	Codes  []string
}

// DefaultColumns is the header of the repository's site, in the order of docs/csv.md.
var DefaultColumns = []string{"id", "name", "street", "city", "state", "zip", "lat", "lon",
	"phone", "intake_phone", "website", "levels", "payment", "medications", "ages", "gender",
	"programs", "services", "languages", "verified", "source", "source_id"}

// DefaultFacets are the facets of the repository's content/facets.toml.
var DefaultFacets = []Facet{
	{"payment", []string{"medicaid", "medicare", "private", "self-pay", "sliding-scale", "free", "military"}},
	{"medications", []string{"methadone", "buprenorphine", "naltrexone"}},
	{"ages", []string{"teens", "young-adults", "adults", "seniors"}},
	{"gender", []string{"women", "men"}},
	{"programs", []string{"veterans", "military", "pregnant", "lgbtq", "justice", "co-occurring", "trauma"}},
	{"services", []string{"telehealth", "walk-in", "asl", "interim", "peer", "transport", "childcare"}},
	{"languages", []string{"english", "spanish", "chinese", "tagalog", "vietnamese", "arabic", "french",
		"korean", "russian", "haitian-creole", "german", "portuguese", "hindi"}},
}

// The level codes Write uses, in the order they appear within a field.
var levelCodes = []string{"detox", "residential", "php", "iop", "outpatient", "aftercare"}

// pcgStream is xored with the seed to give PCG its second word, so that seed
// 0 still yields a well-mixed stream.
const pcgStream = 0x9e3779b97f4a7c15

// center is one generated row before it is formatted.
type center struct {
	id, name, street, city, state, zip string
	lat, lon                           string
	phone, intake, website             string
	levels                             []string
	facets                             map[string][]string // codes by column
	verified                           string
}

// record is c's row under the header columns; a column Write knows
// nothing about stays empty.
func (c *center) record(columns []string) []string {
	out := make([]string, len(columns))
	for i, col := range columns {
		switch col {
		case "id":
			out[i] = c.id
		case "name":
			out[i] = c.name
		case "street":
			out[i] = c.street
		case "city":
			out[i] = c.city
		case "state":
			out[i] = c.state
		case "zip":
			out[i] = c.zip
		case "lat":
			out[i] = c.lat
		case "lon":
			out[i] = c.lon
		case "phone":
			out[i] = c.phone
		case "intake_phone":
			out[i] = c.intake
		case "website":
			out[i] = c.website
		case "levels":
			out[i] = strings.Join(c.levels, ";")
		case "verified":
			out[i] = c.verified
		default:
			out[i] = strings.Join(c.facets[col], ";")
		}
	}
	return out
}

// ReadZIPs reads a CSV file with the header zip,lat,lon.
func ReadZIPs(r io.Reader) ([]ZIP, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 3
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("reading zips: empty file")
	}
	if err != nil {
		return nil, fmt.Errorf("reading zips: %w", err)
	}
	if got := strings.ToLower(strings.TrimPrefix(strings.Join(head, ","), "\ufeff")); got != "zip,lat,lon" {
		return nil, fmt.Errorf("reading zips: line 1: header is %q, want \"zip,lat,lon\"", got)
	}
	var zips []ZIP
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading zips: %w", err)
		}
		z, err := parseZIP(rec)
		if err != nil {
			line, col := cr.FieldPos(0)
			return nil, fmt.Errorf("reading zips: line %d, column %d: %w", line, col, err)
		}
		zips = append(zips, z)
	}
	if len(zips) == 0 {
		return nil, errors.New("reading zips: no rows")
	}
	return zips, nil
}

var zipPattern = regexp.MustCompile(`^[0-9]{5}$`)

func parseZIP(rec []string) (ZIP, error) {
	if !zipPattern.MatchString(rec[0]) {
		return ZIP{}, fmt.Errorf("zip %q is not 5 digits", rec[0])
	}
	lat, err := strconv.ParseFloat(rec[1], 64)
	if err != nil || lat < -90 || lat > 90 {
		return ZIP{}, fmt.Errorf("zip %s: bad latitude %q", rec[0], rec[1])
	}
	lon, err := strconv.ParseFloat(rec[2], 64)
	if err != nil || lon < -180 || lon > 180 {
		return ZIP{}, fmt.Errorf("zip %s: bad longitude %q", rec[0], rec[2])
	}
	return ZIP{Code: rec[0], Lat: lat, Lon: lon}, nil
}

// Write writes opts.N centers as CSV, header first.
func Write(w io.Writer, opts Options) error {
	if opts.N <= 0 {
		return fmt.Errorf("writing centers: n is %d, want at least 1", opts.N)
	}
	sites, err := placeSites(opts)
	if err != nil {
		return fmt.Errorf("writing centers: %w", err)
	}
	if opts.Columns == nil {
		opts.Columns, opts.Facets = DefaultColumns, DefaultFacets
	}
	rows := generate(rand.New(rand.NewPCG(opts.Seed, opts.Seed^pcgStream)), opts, sites)
	cw := csv.NewWriter(w)
	if err := cw.Write(opts.Columns); err != nil {
		return fmt.Errorf("writing centers: %w", err)
	}
	for i := range rows {
		if err := cw.Write(rows[i].record(opts.Columns)); err != nil {
			return fmt.Errorf("writing centers: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing centers: %w", err)
	}
	return nil
}

// site is a ZIP a center may be placed in, with what follows from it.
type site struct {
	zip       ZIP
	cum       float64 // the weights of the group's sites up to this one; 0 when all weigh alike
	state     string
	city      string
	areaCodes []string // empty: any plausible area code
}

// group is a set of sites centers are spread over evenly: one per metro in
// example mode, one for the whole country otherwise.
type group []site

func placeSites(opts Options) ([]group, error) {
	if len(opts.ZIPs) == 0 {
		return nil, errors.New("no ZIP codes given")
	}
	if opts.Example {
		return metroSites(opts.ZIPs)
	}
	var g group
	for _, z := range opts.ZIPs {
		if st := StateOf(z.Code); st != "" {
			g = append(g, site{zip: z, state: st, city: townOf(z.Code)})
		}
	}
	if len(g) == 0 {
		return nil, errors.New("none of the ZIP codes maps to a state")
	}
	if opts.People {
		sum := 0.0
		for i, w := range peopleWeights(g) {
			sum += w
			g[i].cum = sum
		}
	}
	return []group{g}, nil
}

// pick draws a site: by weight when the group has weights, else any alike.
func (g group) pick(rng *rand.Rand) site {
	total := g[len(g)-1].cum
	if total == 0 {
		return g[rng.IntN(len(g))]
	}
	x := rng.Float64() * total
	i, _ := slices.BinarySearchFunc(g, x, func(s site, x float64) int { return cmp.Compare(s.cum, x) })
	return g[min(i, len(g)-1)]
}

// peopleRadius is how far, in miles, peopleWeights counts ZIP centroids.
const peopleRadius = 10.0

// peopleWeights weighs each site by how many people live near it. The
// repository holds no population figures, so the density of ZIP centroids
// stands in for them: a site weighs the number of centroids within
// peopleRadius miles of it, itself included. A ZIP code serves a few
// thousand to a few tens of thousands of people, and city ZIP codes are
// both more crowded and more numerous, so a metro ZIP weighs tens of times
// a rural one: dense metros, and counties with no center at all.
func peopleWeights(g group) []float64 {
	const cell = peopleRadius / 69.0 // degrees of latitude
	type cellKey struct{ lat, lon int }
	cells := map[cellKey][]int{}
	key := func(z ZIP) cellKey { return cellKey{int(math.Floor(z.Lat / cell)), int(math.Floor(z.Lon / cell))} }
	for i, s := range g {
		k := key(s.zip)
		cells[k] = append(cells[k], i)
	}
	w := make([]float64, len(g))
	for i, s := range g {
		k := key(s.zip)
		cos := math.Cos(s.zip.Lat * math.Pi / 180)
		span := int(math.Ceil(1 / max(cos, 0.05))) // longitude cells within the radius
		for dl := -1; dl <= 1; dl++ {
			for dn := -span; dn <= span; dn++ {
				for _, j := range cells[cellKey{k.lat + dl, k.lon + dn}] {
					dy := (g[j].zip.Lat - s.zip.Lat) * 69
					dx := (g[j].zip.Lon - s.zip.Lon) * 69 * cos
					if dx*dx+dy*dy <= peopleRadius*peopleRadius {
						w[i]++
					}
				}
			}
		}
	}
	return w
}

func metroSites(zips []ZIP) ([]group, error) {
	groups := make([]group, len(metros))
	for _, z := range zips {
		for i := range metros {
			if s, ok := metros[i].site(z); ok {
				groups[i] = append(groups[i], s)
			}
		}
	}
	for i, g := range groups {
		if len(g) == 0 {
			return nil, fmt.Errorf("no ZIP codes for the %s metro area", metros[i].name)
		}
	}
	return groups, nil
}

// rates are the shares of centers that lack optional fields.
type rates struct {
	noCoords, noWebsite, noPhone, noStreet float64
	intake, twoLineStreet                  float64 // the shares that have them
}

var (
	benchRates   = rates{noCoords: 0.03, noWebsite: 0.10, noPhone: 0.05, noStreet: 0.02, intake: 0.33, twoLineStreet: 0.05}
	exampleRates = rates{noCoords: 0.025, noWebsite: 0.15, noPhone: 0.02, noStreet: 0.01, intake: 0.33, twoLineStreet: 0.04}
)

func generate(rng *rand.Rand, opts Options, groups []group) []center {
	r := benchRates
	if opts.Example {
		r = exampleRates
	}
	n := opts.N
	noCoords, noWebsite := chosen(rng, n, r.noCoords), chosen(rng, n, r.noWebsite)
	noPhone, noStreet := chosen(rng, n, r.noPhone), chosen(rng, n, r.noStreet)
	intake, twoLines := chosen(rng, n, r.intake), chosen(rng, n, r.twoLineStreet)
	ids := make(idSet)
	rows := make([]center, n)
	for i := range rows {
		s := groups[i%len(groups)].pick(rng)
		c := newCenter(rng, s, ids, opts)
		if intake[i] {
			c.intake = phone(rng, s.areaCodes)
		}
		if twoLines[i] {
			c.street += fmt.Sprintf("\nSuite %d", 100+rng.IntN(400))
		}
		if noCoords[i] {
			c.lat, c.lon = "", ""
		}
		if noWebsite[i] {
			c.website = ""
		}
		if noPhone[i] {
			c.phone = ""
		}
		if noStreet[i] {
			c.street = ""
		}
		rows[i] = c
	}
	ensureCodes(rows, levelCodes, func(c *center) []string { return c.levels },
		func(c *center, v []string) { c.levels = v }, 4, nil)
	for _, f := range opts.Facets {
		ensureCodes(rows, f.Codes, func(c *center) []string { return c.facets[f.Column] },
			func(c *center, v []string) { c.facets[f.Column] = v }, 6,
			func(c *center, code string) bool { return fits(c, f.Column, code) })
	}
	return rows
}

// chosen marks exactly round(n*share) of n rows at random, so that a small
// data set still has the intended number of rows without a field.
func chosen(rng *rand.Rand, n int, share float64) []bool {
	marks := make([]bool, n)
	for _, i := range rng.Perm(n)[:int(math.Round(float64(n)*share))] {
		marks[i] = true
	}
	return marks
}

func newCenter(rng *rand.Rand, s site, ids idSet, opts Options) center {
	c := center{
		name:  name(rng),
		city:  s.city,
		state: s.state,
		zip:   s.zip.Code,
	}
	c.id = ids.add(c.name, c.city)
	c.street = street(rng)
	c.lat, c.lon = jitter(rng, s.zip.Lat), jitter(rng, s.zip.Lon)
	c.phone = phone(rng, s.areaCodes)
	c.website = "https://" + c.id + ".example.org/"
	c.levels = pickWeighted(rng, levelCombos)
	c.facets = make(map[string][]string, len(opts.Facets))
	for _, f := range opts.Facets { // in file order: programs look at gender and ages
		v := facetCodes(rng, f, &c)
		if len(v) == 0 && !opts.Example { // benchmarks carry a value in every facet
			v = []string{pick(rng, f.Codes)}
		}
		c.facets[f.Column] = v
	}
	c.verified = verified(rng)
	return c
}

// facetCodes picks a center's codes in facet f: plausibly for the
// default facets, a fifth of the options at random for any other.
func facetCodes(rng *rand.Rand, f Facet, c *center) []string {
	var out []string
	switch f.Column {
	case "payment":
		out = payment(rng, f.Codes)
	case "languages":
		out = languages(rng, c.state, f.Codes)
	case "gender":
		out = pickWeighted(rng, genderCombos)
	case "ages":
		out = pickWeighted(rng, ageCombos)
	default:
		out = pickEach(rng, f.Codes, oddsOf(f.Column, f.Codes))
	}
	out = slices.DeleteFunc(out, func(code string) bool {
		return !slices.Contains(f.Codes, code) || !fits(c, f.Column, code)
	})
	return inOrder(out, f.Codes)
}

// fits says whether a center may list code in column: a program for
// pregnant women only where women are taken, none for adults only at a
// center for teens alone.
func fits(c *center, column, code string) bool {
	if column != "programs" {
		return true
	}
	teensOnly := slices.Equal(c.facets["ages"], []string{"teens"})
	switch code {
	case "pregnant":
		return slices.Contains(c.facets["gender"], "women")
	case "veterans", "military":
		return !teensOnly
	}
	return true
}

func oddsOf(column string, codes []string) []float64 {
	odds := make([]float64, len(codes))
	for i, code := range codes {
		o, ok := facetOdds[column+"."+code]
		if !ok {
			o = 0.2
		}
		odds[i] = o
	}
	return odds
}

// ensureCodes makes every code appear in some row, so that a small data set
// still exercises every facet: a missing code is added to a row of its own
// that it fits, never more than max codes to a field. field gives a copy of
// a row's codes, set writes them back.
func ensureCodes(rows []center, codes []string, field func(*center) []string, set func(*center, []string), max int, fit func(*center, string) bool) {
	for i, code := range codes {
		if slices.ContainsFunc(rows, func(c center) bool { return slices.Contains(field(&c), code) }) {
			continue
		}
		for k := range rows {
			c := &rows[(i+k)%len(rows)]
			if fit != nil && !fit(c, code) {
				continue
			}
			f := field(c)
			if len(f) >= max {
				f = f[:max-1]
			}
			set(c, inOrder(append(slices.Clone(f), code), codes))
			break
		}
	}
}

// inOrder sorts list by the position of each element in order.
func inOrder(list, order []string) []string {
	slices.SortFunc(list, func(a, b string) int {
		return slices.Index(order, a) - slices.Index(order, b)
	})
	return list
}

// jitter moves a coordinate by at most 0.02 degrees and rounds it to 5
// decimals (about a metre), so centers in one ZIP do not share a point.
func jitter(rng *rand.Rand, v float64) string {
	v += (rng.Float64()*2 - 1) * 0.02
	return strconv.FormatFloat(math.Round(v*1e5)/1e5, 'f', 5, 64)
}

// phone returns a number in the fictional range 555-0100..555-0199.
func phone(rng *rand.Rand, areaCodes []string) string {
	area := ""
	if len(areaCodes) > 0 {
		area = areaCodes[rng.IntN(len(areaCodes))]
	} else {
		area = anyAreaCode(rng)
	}
	return fmt.Sprintf("(%s) 555-01%02d", area, rng.IntN(100))
}

// anyAreaCode returns a code of the form NXX with N in 2-9 and X not 9 in the
// middle, avoiding the N11 service codes.
func anyAreaCode(rng *rand.Rand) string {
	for {
		a, b, c := 2+rng.IntN(8), rng.IntN(9), rng.IntN(10)
		if b != 1 || c != 1 {
			return fmt.Sprintf("%d%d%d", a, b, c)
		}
	}
}

func street(rng *rand.Rand) string {
	s := fmt.Sprintf("%d %s %s", 1+rng.IntN(9899), pick(rng, streetNames), pick(rng, streetKinds))
	if rng.IntN(8) == 0 {
		// The comma makes the field need CSV quoting.
		s += fmt.Sprintf(", Suite %d", 100+rng.IntN(400))
	}
	return s
}

func name(rng *rand.Rand) string {
	place, kind := pick(rng, places), pick(rng, kinds)
	if rng.IntN(40) == 0 {
		// Ampersands and apostrophes exercise escaping in HTML, URLs and JSON.
		return fmt.Sprintf(pick(rng, punctuatedNames), place)
	}
	switch rng.IntN(5) {
	case 0, 1:
		return "Example " + place + " " + kind
	case 2, 3:
		return place + " Example " + kind
	default:
		return "The Example " + kind + " at " + place
	}
}

func payment(rng *rand.Rand, codes []string) []string {
	p := pickEach(rng, codes, oddsOf("payment", codes))
	for len(p) > 5 {
		i := rng.IntN(len(p))
		p = slices.Delete(p, i, i+1)
	}
	if len(p) == 0 && slices.Contains(codes, "self-pay") {
		p = []string{"self-pay"}
	}
	return p
}

// languages picks English, often Spanish, now and then another language
// of the facet; Spanish first in Puerto Rico.
func languages(rng *rand.Rand, state string, codes []string) []string {
	if state == "PR" {
		if rng.IntN(2) == 0 {
			return []string{"spanish"}
		}
		return []string{"spanish", "english"}
	}
	var others []string
	for _, c := range codes {
		if c != "english" && c != "spanish" {
			others = append(others, c)
		}
	}
	switch n := rng.IntN(100); {
	case n < 60 || len(others) == 0:
		return []string{"english"}
	case n < 85:
		return []string{"english", "spanish"}
	case n < 95:
		return []string{"english", pick(rng, others)}
	default:
		return []string{"english", "spanish", pick(rng, others)}
	}
}

var firstVerified = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// verifiedDays is the number of days from 2025-01-01 to 2026-10-31, inclusive.
const verifiedDays = 669

func verified(rng *rand.Rand) string {
	return firstVerified.AddDate(0, 0, rng.IntN(verifiedDays)).Format(time.DateOnly)
}

func pick(rng *rand.Rand, list []string) string {
	return list[rng.IntN(len(list))]
}

// pickEach includes codes[i] with probability odds[i].
func pickEach(rng *rand.Rand, codes []string, odds []float64) []string {
	var out []string
	for i, c := range codes {
		if rng.Float64() < odds[i] {
			out = append(out, c)
		}
	}
	return out
}

type weighted struct {
	codes  []string
	weight int
}

func pickWeighted(rng *rand.Rand, list []weighted) []string {
	total := 0
	for _, w := range list {
		total += w.weight
	}
	n := rng.IntN(total)
	for _, w := range list {
		if n < w.weight {
			return slices.Clone(w.codes)
		}
		n -= w.weight
	}
	panic("unreachable")
}

// idSet hands out unique ids. It is only looked up, never iterated, so it
// cannot make output depend on map order.
type idSet map[string]bool

// maxSlug keeps ids short enough to serve as a DNS label (63 bytes) in the
// website address, with room for a counter.
const maxSlug = 56

func (s idSet) add(name, city string) string {
	base := slug(name + " " + city)
	if len(base) > maxSlug {
		base = strings.TrimRight(base[:maxSlug], "-")
	}
	id := base
	for n := 2; s[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s[id] = true
	return id
}

// slug turns s into lowercase ASCII words joined by hyphens: apostrophes are
// dropped, "&" becomes "and", any other run of non-alphanumerics one hyphen.
func slug(s string) string {
	s = strings.NewReplacer("'", "", "’", "", "&", " and ").Replace(strings.ToLower(s))
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
			continue
		}
		hyphen = true
	}
	return b.String()
}

// townOf names a fictional-but-plausible town for a ZIP code; the same code
// always gets the same town.
func townOf(code string) string {
	h := fnv.New32a()
	h.Write([]byte(code))
	return towns[h.Sum32()%uint32(len(towns))]
}

// StateOf returns the USPS state code of a 5-digit ZIP code, or "" when the
// code is not a civilian ZIP of a state or territory (military APO/FPO codes,
// unassigned prefixes, malformed input).
func StateOf(code string) string {
	if !zipPattern.MatchString(code) {
		return ""
	}
	n, _ := strconv.Atoi(code)
	for _, e := range zipExceptions {
		if n >= e.lo && n <= e.hi {
			return e.state
		}
	}
	prefix := n / 100
	for _, r := range prefixRanges {
		if prefix >= r.lo && prefix <= r.hi {
			return r.state
		}
	}
	return ""
}

type zipRange struct {
	lo, hi int
	state  string
}

// zipExceptions are 5-digit codes whose state differs from their prefix's.
var zipExceptions = []zipRange{
	{6390, 6390, "NY"},   // Fishers Island, in a Connecticut prefix
	{83414, 83414, "WY"}, // Alta, in an Idaho prefix
	{96799, 96799, "AS"}, // American Samoa, in the Hawaii prefix
	{96939, 96940, "PW"},
	{96941, 96944, "FM"},
	{96950, 96952, "MP"},
	{96960, 96960, "MH"},
	{96970, 96970, "MH"},
}

// prefixRanges maps 3-digit ZIP prefixes to states, following the USPS
// assignment. Military prefixes (090-098 AE, 340 AA, 962-966 AP) are absent.
var prefixRanges = []zipRange{
	{5, 5, "NY"}, {6, 7, "PR"}, {8, 8, "VI"}, {9, 9, "PR"},
	{10, 27, "MA"}, {28, 29, "RI"}, {30, 38, "NH"}, {39, 49, "ME"},
	{50, 54, "VT"}, {55, 55, "MA"}, {56, 59, "VT"}, {60, 69, "CT"},
	{70, 89, "NJ"}, {100, 149, "NY"}, {150, 196, "PA"}, {197, 199, "DE"},
	{200, 200, "DC"}, {201, 201, "VA"}, {202, 205, "DC"}, {206, 219, "MD"},
	{220, 246, "VA"}, {247, 268, "WV"}, {270, 289, "NC"}, {290, 299, "SC"},
	{300, 319, "GA"}, {320, 339, "FL"}, {341, 349, "FL"}, {350, 369, "AL"},
	{370, 385, "TN"}, {386, 397, "MS"}, {398, 399, "GA"}, {400, 427, "KY"},
	{430, 459, "OH"}, {460, 479, "IN"}, {480, 499, "MI"}, {500, 528, "IA"},
	{530, 549, "WI"}, {550, 567, "MN"}, {569, 569, "DC"}, {570, 577, "SD"},
	{580, 588, "ND"}, {590, 599, "MT"}, {600, 629, "IL"}, {630, 658, "MO"},
	{660, 679, "KS"}, {680, 693, "NE"}, {700, 714, "LA"}, {716, 729, "AR"},
	{730, 732, "OK"}, {733, 733, "TX"}, {734, 749, "OK"}, {750, 799, "TX"},
	{800, 816, "CO"}, {820, 831, "WY"}, {832, 838, "ID"}, {840, 847, "UT"},
	{850, 865, "AZ"}, {870, 884, "NM"}, {885, 885, "TX"}, {889, 898, "NV"},
	{900, 961, "CA"}, {967, 968, "HI"}, {969, 969, "GU"}, {970, 979, "OR"},
	{980, 994, "WA"}, {995, 999, "AK"},
}

// metro is an area of the example data set, all in one state.
type metro struct {
	name     string
	state    string
	prefixes []prefixCities
}

// prefixCities says which cities and area codes ZIPs starting with prefix
// get: the nearest of the cities. The first matching prefix wins, so a
// longer prefix goes before a shorter one it starts with.
type prefixCities struct {
	prefix    string
	areaCodes []string
	cities    []city
}

type city struct {
	name     string
	lat, lon float64
}

func (m *metro) site(z ZIP) (site, bool) {
	for _, p := range m.prefixes {
		if strings.HasPrefix(z.Code, p.prefix) {
			return site{zip: z, state: m.state, city: nearest(p.cities, z), areaCodes: p.areaCodes}, true
		}
	}
	return site{}, false
}

// nearest returns the name of the city closest to z on a flat map with
// longitude scaled by the cosine of the latitude; good enough within a metro.
func nearest(cities []city, z ZIP) string {
	best, bestD := "", math.Inf(1)
	k := math.Cos(z.Lat * math.Pi / 180)
	for _, c := range cities {
		dy, dx := c.lat-z.Lat, (c.lon-z.Lon)*k
		if d := dx*dx + dy*dy; d < bestD {
			best, bestD = c.name, d
		}
	}
	return best
}

// only is a one-city list; its coordinates do not matter.
func only(name string) []city { return []city{{name: name}} }

var (
	bostonCodes  = []string{"617", "857"}
	denverCodes  = []string{"303", "720"}
	columbusCode = []string{"614", "380"}
)

var metros = []metro{
	{"Boston", "MA", []prefixCities{
		// Boston's own ZIPs and its inner suburbs are known one by one.
		{"0210", bostonCodes, only("Boston")},
		{"0211", bostonCodes, only("Boston")},
		{"0212", bostonCodes, only("Boston")},
		{"02138", bostonCodes, only("Cambridge")},
		{"02139", bostonCodes, only("Cambridge")},
		{"0213", bostonCodes, only("Boston")},
		{"02140", bostonCodes, only("Cambridge")},
		{"02141", bostonCodes, only("Cambridge")},
		{"02142", bostonCodes, only("Cambridge")},
		{"02143", bostonCodes, only("Somerville")},
		{"02144", bostonCodes, only("Somerville")},
		{"02145", bostonCodes, only("Somerville")},
		{"02148", bostonCodes, only("Malden")},
		{"02149", bostonCodes, only("Everett")},
		{"02150", bostonCodes, only("Chelsea")},
		{"02151", bostonCodes, only("Revere")},
		{"02152", bostonCodes, only("Winthrop")},
		{"02155", bostonCodes, only("Medford")},
		{"02169", bostonCodes, only("Quincy")},
		{"02170", bostonCodes, only("Quincy")},
		{"02171", bostonCodes, only("Quincy")},
		{"02176", bostonCodes, only("Melrose")},
		{"02180", bostonCodes, only("Stoneham")},
		{"02184", bostonCodes, only("Braintree")},
		{"02186", bostonCodes, only("Milton")},
		{"02188", bostonCodes, only("Weymouth")},
		{"02189", bostonCodes, only("Weymouth")},
		{"02190", bostonCodes, only("Weymouth")},
		{"02191", bostonCodes, only("Weymouth")},
		{"021", bostonCodes, only("Boston")},
		{"022", bostonCodes, only("Boston")},
	}},
	{"Philadelphia", "PA", []prefixCities{
		{"191", []string{"215", "267", "445"}, only("Philadelphia")},
		{"190", []string{"610", "484", "215"}, []city{{"Bensalem", 40.1046, -74.9518},
			{"Levittown", 40.1551, -74.8288}, {"Willow Grove", 40.1440, -75.1157},
			{"Media", 39.9168, -75.3877}, {"Chester", 39.8496, -75.3557},
			{"Upper Darby", 39.9490, -75.2710}, {"Ardmore", 40.0068, -75.2855},
			{"Wayne", 40.0440, -75.3877}}},
	}},
	{"Columbus", "OH", []prefixCities{
		{"432", columbusCode, only("Columbus")},
		{"430", columbusCode, []city{{"Dublin", 40.0992, -83.1141}, {"Westerville", 40.1262, -82.9291},
			{"Delaware", 40.2987, -83.0680}, {"Newark", 40.0581, -82.4013},
			{"Lancaster", 39.7137, -82.5993}, {"Marysville", 40.2364, -83.3671}}},
	}},
	{"Chicago", "IL", []prefixCities{
		{"606", []string{"312", "773", "872"}, only("Chicago")},
		{"600", []string{"847", "224"}, []city{{"Skokie", 42.0324, -87.7416},
			{"Des Plaines", 42.0334, -87.8834}, {"Arlington Heights", 42.0884, -87.9806},
			{"Palatine", 42.1103, -88.0342}, {"Waukegan", 42.3636, -87.8448},
			{"Crystal Lake", 42.2411, -88.3162}, {"McHenry", 42.3334, -88.2668},
			{"Glenview", 42.0698, -87.7878}}},
	}},
	{"Denver", "CO", []prefixCities{
		{"802", denverCodes, only("Denver")},
		{"801", denverCodes, []city{{"Englewood", 39.6478, -104.9878}, {"Littleton", 39.6133, -105.0166},
			{"Highlands Ranch", 39.5539, -104.9694}, {"Parker", 39.5186, -104.7614},
			{"Castle Rock", 39.3722, -104.8561}}},
	}},
	{"Phoenix", "AZ", []prefixCities{
		{"850", []string{"602", "623"}, only("Phoenix")},
		{"852", []string{"480"}, []city{{"Mesa", 33.4152, -111.8315}, {"Tempe", 33.4255, -111.9400},
			{"Scottsdale", 33.4942, -111.9261}, {"Chandler", 33.3062, -111.8413},
			{"Gilbert", 33.3528, -111.7890}}},
	}},
	{"Seattle", "WA", []prefixCities{
		{"981", []string{"206"}, only("Seattle")},
		{"980", []string{"425", "253"}, []city{{"Bellevue", 47.6101, -122.2015},
			{"Redmond", 47.6740, -122.1215}, {"Everett", 47.9790, -122.2021},
			{"Lynnwood", 47.8209, -122.3151}, {"Renton", 47.4829, -122.2171},
			{"Kent", 47.3809, -122.2348}, {"Auburn", 47.3073, -122.2285},
			{"Issaquah", 47.5301, -122.0326}}},
	}},
	{"Atlanta", "GA", []prefixCities{
		{"303", []string{"404", "470", "678"}, only("Atlanta")},
		{"300", []string{"770", "678", "470"}, []city{{"Marietta", 33.9526, -84.5499},
			{"Decatur", 33.7748, -84.2963}, {"Alpharetta", 34.0754, -84.2941},
			{"Roswell", 34.0232, -84.3616}, {"Lawrenceville", 33.9562, -83.9880},
			{"Norcross", 33.9412, -84.2135}, {"Conyers", 33.6676, -84.0177}}},
	}},
}

// levelCombos are plausible sets of levels of care offered together.
var levelCombos = []weighted{
	{[]string{"outpatient"}, 18},
	{[]string{"outpatient", "aftercare"}, 8},
	{[]string{"iop", "outpatient"}, 14},
	{[]string{"iop", "outpatient", "aftercare"}, 8},
	{[]string{"php", "iop"}, 6},
	{[]string{"php", "iop", "outpatient"}, 6},
	{[]string{"residential"}, 5},
	{[]string{"residential", "aftercare"}, 4},
	{[]string{"detox", "residential"}, 10},
	{[]string{"detox", "residential", "aftercare"}, 6},
	{[]string{"detox", "residential", "php", "iop"}, 4},
	{[]string{"residential", "php", "iop", "aftercare"}, 3},
	{[]string{"detox", "outpatient"}, 3},
	{[]string{"detox"}, 3},
}

// facetOdds gives, per "column.code", the chance that a center lists the
// option; any other option is listed by a fifth of the centers.
var facetOdds = map[string]float64{
	"payment.medicaid": 0.55, "payment.medicare": 0.35, "payment.private": 0.70, "payment.self-pay": 0.60,
	"payment.sliding-scale": 0.25, "payment.free": 0.05, "payment.military": 0.12,
	"medications.methadone": 0.12, "medications.buprenorphine": 0.40, "medications.naltrexone": 0.30,
	"programs.veterans": 0.15, "programs.military": 0.05, "programs.pregnant": 0.15, "programs.lgbtq": 0.12,
	"programs.justice": 0.25, "programs.co-occurring": 0.45, "programs.trauma": 0.35,
	"services.telehealth": 0.50, "services.walk-in": 0.20, "services.asl": 0.10, "services.interim": 0.15,
	"services.peer": 0.35, "services.transport": 0.20, "services.childcare": 0.05,
}

// genderCombos and ageCombos are whom centers take: most say nothing
// or take everyone; some take women, men or teens alone.
var (
	genderCombos = []weighted{
		{nil, 30}, {[]string{"women", "men"}, 50}, {[]string{"women"}, 12}, {[]string{"men"}, 8},
	}
	ageCombos = []weighted{
		{nil, 30}, {[]string{"young-adults", "adults", "seniors"}, 25}, {[]string{"adults"}, 12},
		{[]string{"young-adults", "adults"}, 10}, {[]string{"teens", "young-adults", "adults", "seniors"}, 10},
		{[]string{"teens"}, 7}, {[]string{"teens", "young-adults"}, 3}, {[]string{"adults", "seniors"}, 3},
	}
)

var places = []string{"Harbor", "Riverside", "Cedar", "Summit", "Lakeview", "Pinecrest",
	"Oak Grove", "Maple", "Willow", "Northstar", "Bayview", "Meadow", "Stonebridge",
	"Clearwater", "Highland", "Valley", "Sunrise", "Horizon", "Beacon", "Crossroads",
	"Pathway", "Greenfield", "Fairview", "Brookside", "Hillcrest", "Parkside", "Evergreen",
	"Silver Creek", "Red Rock", "Prairie", "Westgate", "Eastside", "Southpoint", "Canyon",
	"Timberline", "Lighthouse", "Compass", "Anchor", "New Dawn", "Cornerstone"}

var kinds = []string{"Recovery Center", "Treatment Services", "Behavioral Health",
	"Counseling Center", "Addiction Services", "Wellness Center", "Recovery House",
	"Treatment Center", "Health Clinic", "Outpatient Clinic", "Recovery Program",
	"Family Services", "Recovery Network", "Community Health", "Care Center"}

// punctuatedNames are name patterns with "&" or an apostrophe; %s is a place.
var punctuatedNames = []string{
	"St. Example's %s Recovery & Wellness",
	"Example %s Recovery & Wellness",
	"%s Example Counseling & Family Services",
	"Example Friends' House at %s",
	"O'Example %s Treatment Center",
}

var streetNames = []string{"Example", "Maple", "Oak", "Cedar", "Elm", "Pine", "Washington",
	"Lincoln", "Park", "Lake", "Hill", "Main", "Church", "Mill", "River", "Spring",
	"Walnut", "Chestnut", "Sunset", "Highland", "Example Hill", "Orchard", "Meadow"}

var streetKinds = []string{"Street", "Avenue", "Road", "Boulevard", "Lane", "Drive",
	"Way", "Court", "Place", "Parkway"}

// towns are names shared by towns in many states, so none points at a real
// place in particular.
var towns = []string{
	"Springfield", "Fairview", "Riverside", "Franklin", "Greenville", "Clinton", "Salem",
	"Madison", "Georgetown", "Arlington", "Ashland", "Oxford", "Jackson", "Burlington",
	"Manchester", "Milton", "Newport", "Auburn", "Dayton", "Lexington", "Milford",
	"Winchester", "Clayton", "Hudson", "Kingston", "Mount Vernon", "Oakland", "Bristol",
	"Dover", "Hillsboro", "Centerville", "Marion", "Lebanon", "Troy", "Union", "Monroe",
	"Lincoln", "Chester", "Camden", "Jefferson", "Washington", "Florence", "Dublin",
	"Greenwood", "Harrison", "Lakewood", "Oak Grove", "Pleasant Hill", "Plainview",
	"Brookfield", "Bridgeport", "Cedar Grove", "Clearwater", "Columbia", "Concord",
	"Fairfield", "Farmington", "Glendale", "Hamilton", "Hanover", "Highland", "Jamestown",
	"Lancaster", "Liberty", "Marshall", "Middletown", "Mount Pleasant", "Newton", "Oakdale",
	"Plymouth", "Princeton", "Richmond", "Riverton", "Rochester", "Shelbyville",
	"Sheridan", "Somerset", "Sterling", "Summerville", "Waverly", "Wilmington", "Woodstock",
	"Albany", "Allendale", "Avon", "Bedford", "Belmont", "Benton", "Berlin", "Beverly",
	"Brighton", "Brownsville", "Buffalo", "Butler", "Cambridge", "Canton", "Carlisle",
	"Carrollton", "Cedar Falls", "Chatham", "Clifton", "Clyde", "Cleveland", "Columbus",
	"Cortland", "Crawford", "Danville", "Decatur", "Delhi", "Eaton", "Edgewood", "Elkton",
	"Elmwood", "Emerson", "Essex", "Eureka", "Exeter", "Fayette", "Fulton", "Garfield",
	"Geneva", "Glenwood", "Grafton", "Granville", "Greenfield", "Hampton", "Harmony",
	"Hartford", "Henderson", "Hillsdale", "Homer", "Hope", "Huntington", "Jasper",
	"Kent", "Kingsport", "La Grange", "Lakeside", "Laurel", "Lawrence", "Leland", "Linden",
	"Livingston", "Lodi", "Logan", "Madisonville", "Magnolia", "Mansfield", "Maplewood",
	"Marietta", "Maysville", "Meadowbrook", "Medina", "Midway", "Millbrook", "Monticello",
	"Morgantown", "Morristown", "New Boston", "New Hope", "Newark", "Norwood", "Oakwood",
	"Orange", "Oswego", "Palmyra", "Paris", "Pembroke", "Perry", "Pine Bluff", "Pittsfield",
	"Portland", "Quincy", "Ridgeway", "Rockport", "Rome", "Roxbury", "Russellville",
	"Scotland", "Shady Grove", "Sharon", "Shelby", "Smithfield", "Stanton", "Sunnyside",
	"Taylor", "Trenton", "Tyrone", "Vernon", "Vienna", "Walton", "Warren", "Waterford",
	"Wayne", "Weston", "Westfield", "Williamsburg", "Windsor", "York",
}
