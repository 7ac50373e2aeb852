package build

import (
	"strconv"
	"strings"
)

// column is one column of the centers CSV, declared once: how its text is
// read into a Center and validated, how the Center's field is written back
// as text (gen diff, the generator of example data, page keys), and where
// the field is (the cache codec). Facet columns are made from
// content/facets.toml by facetColumn; every other column is in
// fixedColumns. A test holds every exported field of Center to a column.
type column struct {
	name     string
	required bool
	facet    *Facet // the facet of a facet column

	// read sets the column's field of c from rec. lat reads lon too:
	// the two go together.
	read func(c *Center, rec *record, v *Vocabulary, fail failFunc)
	// text appends the field as valid CSV text: what the column says
	// once read (codes rather than synonyms, phones as digits).
	text func(b []byte, c *Center) []byte
	// field points at the Center's field, for the cache codec: a *string,
	// *float64, *Phone, *[]*Level or *[]*Option.
	field func(c *Center) any
}

// failFunc reports a problem with the value of a column of a record.
type failFunc = func(column, format string, args ...any)

// fixedColumns are the columns every site has, in the order of docs/csv.md; the
// facet columns come after levels.
var fixedColumns = []*column{
	{name: "id", required: true, read: readID,
		text: textOf(func(c *Center) *string { return &c.ID }), field: func(c *Center) any { return &c.ID }},
	{name: "name", required: true, read: readText(func(c *Center) *string { return &c.Name }, "name", 200, true),
		text: textOf(func(c *Center) *string { return &c.Name }), field: func(c *Center) any { return &c.Name }},
	{name: "street", read: readStreet,
		text: textOf(func(c *Center) *string { return &c.Street }), field: func(c *Center) any { return &c.Street }},
	{name: "city", required: true, read: readText(func(c *Center) *string { return &c.City }, "city", 100, true),
		text: textOf(func(c *Center) *string { return &c.City }), field: func(c *Center) any { return &c.City }},
	{name: "state", required: true, read: readState,
		text: textOf(func(c *Center) *string { return &c.State }), field: func(c *Center) any { return &c.State }},
	{name: "zip", required: true, read: readZIP,
		text: textOf(func(c *Center) *string { return &c.ZIP }), field: func(c *Center) any { return &c.ZIP }},
	{name: "lat", read: readCoords, text: textCoord(func(c *Center) float64 { return c.Lat }),
		field: func(c *Center) any { return &c.Lat }},
	{name: "lon", read: func(*Center, *record, *Vocabulary, failFunc) {}, // read with lat
		text: textCoord(func(c *Center) float64 { return c.Lon }), field: func(c *Center) any { return &c.Lon }},
	{name: "phone", read: readPhone("phone", func(c *Center) *Phone { return &c.Phone }),
		text: textPhone(func(c *Center) *Phone { return &c.Phone }), field: func(c *Center) any { return &c.Phone }},
	{name: "intake_phone", read: readPhone("intake_phone", func(c *Center) *Phone { return &c.Intake }),
		text: textPhone(func(c *Center) *Phone { return &c.Intake }), field: func(c *Center) any { return &c.Intake }},
	{name: "website", read: func(c *Center, rec *record, _ *Vocabulary, fail failFunc) {
		c.Website = checkWebsite(rec.get("website"), fail)
	}, text: textOf(func(c *Center) *string { return &c.Website }), field: func(c *Center) any { return &c.Website }},
	{name: "levels", required: true, read: func(c *Center, rec *record, v *Vocabulary, fail failFunc) {
		c.Levels = v.levels(splitList(rec.get("levels")), fail)
	}, text: textLevels, field: func(c *Center) any { return &c.Levels }},
	{name: "verified", read: func(c *Center, rec *record, v *Vocabulary, fail failFunc) {
		c.Verified = checkDate(rec.get("verified"), fail)
		checkVerifiedRange(c.Verified, v.latestVerified, fail)
	}, text: textOf(func(c *Center) *string { return &c.Verified }), field: func(c *Center) any { return &c.Verified }},
	{name: "source", read: readText(func(c *Center) *string { return &c.Source }, "source", 200, false),
		text: textOf(func(c *Center) *string { return &c.Source }), field: func(c *Center) any { return &c.Source }},
	{name: "source_id", read: readText(func(c *Center) *string { return &c.SourceID }, "source_id", 200, false),
		text: textOf(func(c *Center) *string { return &c.SourceID }), field: func(c *Center) any { return &c.SourceID }},
}

// facetsAfter is the fixed column the facet columns follow.
const facetsAfter = "levels"

// fixedColumn finds a fixed column by name.
func fixedColumn(name string) *column {
	for _, c := range fixedColumns {
		if c.name == name {
			return c
		}
	}
	return nil
}

// siteColumns lists the columns of a site with these facets, in order.
func siteColumns(facets []*Facet) []*column {
	var out []*column
	for _, c := range fixedColumns {
		out = append(out, c)
		if c.name == facetsAfter {
			for _, f := range facets {
				out = append(out, facetColumn(f))
			}
		}
	}
	return out
}

// facetColumn is the column of a facet: codes or synonyms of its options.
func facetColumn(f *Facet) *column {
	return &column{name: f.Column, facet: f,
		read: func(c *Center, rec *record, v *Vocabulary, fail failFunc) {
			c.Options[f.index] = v.options(f, splitList(rec.get(f.Column)), fail)
		},
		text: func(b []byte, c *Center) []byte {
			for i, o := range c.Values(f) {
				if i > 0 {
					b = append(b, ';')
				}
				b = append(b, o.Code...)
			}
			return b
		},
		field: func(c *Center) any { return &c.Options[f.index] },
	}
}

// splitList splits a multi-valued field on ";", trimmed, empties dropped.
func splitList(s string) []string {
	var out []string
	for v := range strings.SplitSeq(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func textOf(field func(*Center) *string) func([]byte, *Center) []byte {
	return func(b []byte, c *Center) []byte { return append(b, *field(c)...) }
}

func textCoord(deg func(*Center) float64) func([]byte, *Center) []byte {
	return func(b []byte, c *Center) []byte {
		if !c.HasCoords {
			return b
		}
		return strconv.AppendFloat(b, deg(c), 'f', -1, 64)
	}
}

func textPhone(field func(*Center) *Phone) func([]byte, *Center) []byte {
	return func(b []byte, c *Center) []byte {
		p := field(c)
		b = append(b, p.Digits...)
		if p.Ext != "" {
			b = append(append(b, " x"...), p.Ext...)
		}
		return b
	}
}

func textLevels(b []byte, c *Center) []byte {
	for i, l := range c.Levels {
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, l.Code...)
	}
	return b
}

func readID(c *Center, rec *record, _ *Vocabulary, fail failFunc) {
	c.ID = strings.TrimSpace(rec.get("id"))
	switch {
	case c.ID == "":
		fail("id", "id is required")
	case len(c.ID) > 80:
		fail("id", "id is %d characters long; at most 80 are allowed", len(c.ID))
	case !idPattern.MatchString(c.ID):
		fail("id", "id %q must be lower-case letters and digits joined by single hyphens, like %q", c.ID, slugify(c.ID))
	}
}

func readText(field func(*Center) *string, name string, max int, required bool) func(*Center, *record, *Vocabulary, failFunc) {
	return func(c *Center, rec *record, _ *Vocabulary, fail failFunc) {
		s := strings.TrimSpace(rec.get(name))
		checkText(s, name, max, required, fail)
		if required {
			checkVisible(s, name, fail)
		}
		*field(c) = s
	}
}

// readStreet keeps a line break inside the field (a spreadsheet cell with
// two lines) as a second address line.
func readStreet(c *Center, rec *record, _ *Vocabulary, fail failFunc) {
	var lines []string
	for l := range strings.SplitSeq(strings.ReplaceAll(rec.get("street"), "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > 2 {
		fail("street", "street has %d lines; at most 2 are allowed (a street and, say, a suite)", len(lines))
	}
	for _, l := range lines {
		checkText(l, "street", 200, false, fail)
	}
	c.Street = strings.Join(lines, "\n")
}

func readState(c *Center, rec *record, _ *Vocabulary, fail failFunc) {
	raw := rec.get("state")
	c.State = strings.ToUpper(strings.TrimSpace(raw))
	if !isUSPS(c.State) {
		hint := stateHint(raw)
		if hint == "" {
			hint = suggestion(c.State, usps)
		}
		fail("state", "state %q is not a USPS state code%s", raw, hint)
	}
}

func readZIP(c *Center, rec *record, _ *Vocabulary, fail failFunc) {
	raw := rec.get("zip")
	c.ZIP = strings.TrimSpace(raw)
	if !zipPattern.MatchString(c.ZIP) {
		fail("zip", "zip %q must be 12345 or 12345-6789%s", raw, zipHint(c.ZIP))
	}
}

func readCoords(c *Center, rec *record, _ *Vocabulary, fail failFunc) {
	c.Lat, c.Lon, c.HasCoords = parseCoords(rec.get("lat"), rec.get("lon"), fail)
}

func readPhone(name string, field func(*Center) *Phone) func(*Center, *record, *Vocabulary, failFunc) {
	return func(c *Center, rec *record, _ *Vocabulary, fail failFunc) {
		*field(c) = parsePhone(name, rec.get(name), fail)
	}
}

// FixedColumns lists the columns every site has, whatever its facets, in
// the order of docs/csv.md; facet columns go after levels.
func FixedColumns() []string {
	names := make([]string, len(fixedColumns))
	for i, c := range fixedColumns {
		names[i] = c.name
	}
	return names
}
