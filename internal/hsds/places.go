package hsds

import (
	"fmt"
	"slices"
	"strings"
)

// Place is one location of a package with what the package says about
// it, gathered from every table: a directory's center.
type Place struct {
	// Where names the location's row: "locations.csv:3".
	Where string
	// LocationID is the location's id in the package.
	LocationID string
	// OrgName and LocName are the organization's and the location's names.
	OrgName, LocName string
	// The physical address (or the postal one when there is none).
	Street1, Street2, City, State, ZIP, Country string
	Lat, Lon                                    string
	Website                                     string
	// Phone and Intake are numbers with " x" and the extension when there
	// is one; Intake is a phone described as the intake line.
	Phone, Intake string
	// AssuredDate is the latest assured_date of the place's services.
	AssuredDate string
	// Terms are the taxonomy terms linked to the place's services, its
	// location or its organization.
	Terms []TermRef
	// Languages are the languages of its services and location.
	Languages []Language
	// DirectoryID is the center's id when the package is an export of a
	// directory (an organization_identifier of type DirectoryIDType).
	DirectoryID string
	// ExternalID and ExternalIDType are the location's third-party key.
	ExternalID, ExternalIDType string
}

// TermRef is a taxonomy term as a place carries it.
type TermRef struct {
	Taxonomy, Code, Name string
}

// Language is a language row: its name and ISO 639 code.
type Language struct {
	Name, Code string
}

// index holds a package's rows by the ids that point at them.
type index struct {
	p        *Package
	byID     map[string]map[string]int   // table, id: row
	byField  map[string]map[string][]int // "table.field", value: rows
	warnings []string
}

func newIndex(p *Package) *index {
	x := &index{p: p, byID: map[string]map[string]int{}, byField: map[string]map[string][]int{}}
	return x
}

// row finds a table's row by id.
func (x *index) row(table, id string) (Rec, bool) {
	m, ok := x.byID[table]
	if !ok {
		m = map[string]int{}
		for i, r := range x.p.Table(table).Rows {
			if _, dup := m[r.Get("id")]; !dup {
				m[r.Get("id")] = i
			}
		}
		x.byID[table] = m
	}
	i, ok := m[id]
	if !ok || id == "" {
		return Rec{}, false
	}
	return x.p.Table(table).Rows[i], true
}

// rows finds the rows of a table whose field holds one of the ids.
func (x *index) rows(table, field string, ids ...string) []int {
	key := table + "." + field
	m, ok := x.byField[key]
	if !ok {
		m = map[string][]int{}
		for i, r := range x.p.Table(table).Rows {
			if v := r.Get(field); v != "" {
				m[v] = append(m[v], i)
			}
		}
		x.byField[key] = m
	}
	var out []int
	for _, id := range ids {
		out = append(out, m[id]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (x *index) warnf(format string, args ...any) {
	x.warnings = append(x.warnings, fmt.Sprintf(format, args...))
}

// Places gathers every location of the package with its organization,
// services, address, phones, terms and languages, in the order of the
// locations table. Ids that name no row are warnings, in the order found.
func (p *Package) Places() ([]Place, []string) {
	x := newIndex(p)
	locs := p.Table("location")
	out := make([]Place, 0, len(locs.Rows))
	for i, loc := range locs.Rows {
		out = append(out, x.place(locs.Where(i), loc))
	}
	x.strayAttributes()
	return out, x.warnings
}

// strayAttributes warns of the attributes that link to no service,
// location, service at location or organization: their terms reach no
// center.
func (x *index) strayAttributes() {
	attrs := x.p.Table("attribute")
	for i, a := range attrs.Rows {
		linked := false
		for _, table := range []string{"service", "location", "service_at_location", "organization"} {
			if _, ok := x.row(table, a.Get("link_id")); ok {
				linked = true
				break
			}
		}
		if linked {
			continue
		}
		term := a.Get("taxonomy_term_id")
		if t, ok := x.row("taxonomy_term", term); ok {
			term = fmt.Sprintf("%q", or(t.Get("name"), t.Get("code")))
		}
		x.warnf("%s: link_id %q names no service, location or organization, so its term %s is not imported",
			attrs.Where(i), a.Get("link_id"), term)
	}
}

func (x *index) place(where string, loc Rec) Place {
	pl := Place{Where: where, LocationID: loc.Get("id"), LocName: loc.Get("name"), Lat: loc.Get("latitude"), Lon: loc.Get("longitude"),
		ExternalID: loc.Get("external_identifier"), ExternalIDType: loc.Get("external_identifier_type")}
	sals := x.rows("service_at_location", "location_id", loc.Get("id"))
	var services []Rec
	salIDs := []string{}
	for _, i := range sals {
		sal := x.p.Table("service_at_location").Rows[i]
		salIDs = append(salIDs, sal.Get("id"))
		if svc, ok := x.row("service", sal.Get("service_id")); ok {
			services = append(services, svc)
		} else {
			x.warnf("%s: service_id %q names no service", x.p.Table("service_at_location").Where(i), sal.Get("service_id"))
		}
	}
	orgID := loc.Get("organization_id")
	if orgID == "" && len(services) > 0 {
		orgID = services[0].Get("organization_id")
	}
	org, ok := x.row("organization", orgID)
	if !ok && orgID != "" {
		x.warnf("%s: organization_id %q names no organization", where, orgID)
		if len(services) > 0 {
			orgID = services[0].Get("organization_id")
			org, _ = x.row("organization", orgID)
		}
	}
	pl.OrgName, pl.Website = org.Get("name"), org.Get("website")
	svcIDs := make([]string, len(services))
	for i, s := range services {
		svcIDs[i] = s.Get("id")
		pl.Website = or(pl.Website, s.Get("url"))
		if d := s.Get("assured_date"); d > pl.AssuredDate {
			pl.AssuredDate = d
		}
	}
	x.address(&pl, loc.Get("id"))
	x.phones(&pl, salIDs, svcIDs, loc.Get("id"), orgID)
	linked := append(append(append([]string{}, svcIDs...), salIDs...), loc.Get("id"), orgID)
	x.terms(&pl, linked)
	x.languages(&pl, svcIDs, loc.Get("id"))
	x.directoryID(&pl, orgID)
	return pl
}

// address takes the location's physical address, else its first.
func (x *index) address(pl *Place, loc string) {
	rows := x.rows("address", "location_id", loc)
	if len(rows) == 0 {
		return
	}
	pick := x.p.Table("address").Rows[rows[0]]
	for _, i := range rows {
		if a := x.p.Table("address").Rows[i]; strings.EqualFold(a.Get("address_type"), "physical") {
			pick = a
			break
		}
	}
	pl.Street1, pl.Street2 = pick.Get("address_1"), pick.Get("address_2")
	if pl.Street1 == NoStreet {
		pl.Street1 = ""
	}
	pl.City, pl.State, pl.ZIP, pl.Country = pick.Get("city"), pick.Get("state_province"), pick.Get("postal_code"), pick.Get("country")
}

// phones takes the most specific numbers: those of the service at this
// location first, then of the service, the location, the organization.
// A phone described as intake is the intake line; the first other voice
// number is the main one.
func (x *index) phones(pl *Place, sals, svcs []string, loc, org string) {
	var rows []int
	rows = append(rows, x.rows("phone", "service_at_location_id", sals...)...)
	rows = append(rows, x.rows("phone", "service_id", svcs...)...)
	rows = append(rows, x.rows("phone", "location_id", loc)...)
	rows = append(rows, x.rows("phone", "organization_id", org)...)
	for _, i := range rows {
		ph := x.p.Table("phone").Rows[i]
		kind := strings.ToLower(ph.Get("type"))
		if kind != "" && kind != "voice" && kind != "cell" {
			continue // fax, text, pager: not a number to call
		}
		number := ph.Get("number")
		if ext := strings.TrimSuffix(ph.Get("extension"), ".0"); ext != "" {
			number += " x" + ext
		}
		switch {
		case strings.Contains(strings.ToLower(ph.Get("description")), "intake"):
			pl.Intake = or(pl.Intake, number)
		default:
			pl.Phone = or(pl.Phone, number)
		}
	}
}

// terms gathers the terms linked to any of ids, each once.
func (x *index) terms(pl *Place, ids []string) {
	attrs := x.p.Table("attribute")
	for _, i := range x.rows("attribute", "link_id", ids...) {
		a := attrs.Rows[i]
		t, ok := x.row("taxonomy_term", a.Get("taxonomy_term_id"))
		if !ok {
			x.warnf("%s: taxonomy_term_id %q names no taxonomy term", attrs.Where(i), a.Get("taxonomy_term_id"))
			continue
		}
		tax := t.Get("taxonomy")
		if tx, ok := x.row("taxonomy", t.Get("taxonomy_id")); ok {
			tax = tx.Get("name")
		}
		ref := TermRef{Taxonomy: tax, Code: t.Get("code"), Name: t.Get("name")}
		if !slices.Contains(pl.Terms, ref) {
			pl.Terms = append(pl.Terms, ref)
		}
	}
}

func (x *index) languages(pl *Place, svcs []string, loc string) {
	rows := append(x.rows("language", "service_id", svcs...), x.rows("language", "location_id", loc)...)
	for _, i := range rows {
		l := x.p.Table("language").Rows[i]
		lang := Language{Name: or(l.Get("name"), LanguageName(l.Get("code"))), Code: l.Get("code")}
		if !slices.Contains(pl.Languages, lang) {
			pl.Languages = append(pl.Languages, lang)
		}
	}
}

func (x *index) directoryID(pl *Place, org string) {
	for _, i := range x.rows("organization_identifier", "organization_id", org) {
		r := x.p.Table("organization_identifier").Rows[i]
		if strings.EqualFold(r.Get("identifier_type"), DirectoryIDType) {
			pl.DirectoryID = r.Get("identifier")
			return
		}
	}
}
