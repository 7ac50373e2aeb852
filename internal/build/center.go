package build

import (
	"html/template"
	"strings"
)

// Center is one treatment center, validated and resolved against the
// site's levels and facets.
type Center struct {
	ID        string
	Name      string
	Street    string
	City      string
	State     string // USPS code, upper case
	ZIP       string
	Lat, Lon  float64
	HasCoords bool
	Phone     Phone
	Intake    Phone // the number for new patients, shown first
	Website   string
	Levels    []*Level // most intensive first
	// Options holds what the center lists in each facet, by the facet's
	// place in Site.Facets, each in facets.toml order.
	Options  [][]*Option
	Verified string // YYYY-MM-DD, or empty
	Source   string // where the listing comes from, shown on the page
	SourceID string // the source's own key, for imports; never shown

	// Title names the center uniquely for page titles: names repeat across
	// cities, and branches of one name share a city (see Site.model).
	Title string
	// Approximate is set when the CSV had no lat/lon and the site placed
	// the center at its ZIP code's centroid: its page says so.
	Approximate bool

	Line int // where the record starts in the CSV, for messages

	url     string // the page's path, made once by Site.model
	index   int    // the center's place in Site.Centers, set by Site.model
	row     int    // the center's place in the file
	stale   bool   // due for a check (freshness.go), set by Site.model
	cityURL string // its city's page, when its state has them (citypages.go)
}

// StreetLines is the street as its lines: one, or two when the CSV cell
// had a line break (a suite, a building), or none.
func (c *Center) StreetLines() []string {
	if c.Street == "" {
		return nil
	}
	return strings.Split(c.Street, "\n")
}

// streetOneLine is the street with its lines joined by ", ", for a page
// title or a map query.
func (c *Center) streetOneLine() string { return strings.ReplaceAll(c.Street, "\n", ", ") }

// Phone is a North American number.
type Phone struct {
	Digits string // ten digits, or empty
	Ext    string
}

// String formats p as (555) 555-0100, with " ext. 12" when there is one.
func (p Phone) String() string {
	if p.Digits == "" {
		return ""
	}
	s := "(" + p.Digits[:3] + ") " + p.Digits[3:6] + "-" + p.Digits[6:]
	if p.Ext != "" {
		s += " ext. " + p.Ext
	}
	return s
}

// Tel is p as a tel: URI. html/template only trusts http, https and
// mailto links, so it is typed as a URL: it holds nothing but digits.
func (p Phone) Tel() template.URL {
	if p.Digits == "" {
		return ""
	}
	s := "tel:+1" + p.Digits
	if p.Ext != "" {
		s += ";ext=" + p.Ext
	}
	return template.URL(s)
}
