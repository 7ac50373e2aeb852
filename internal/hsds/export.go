package hsds

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"treatmentdir/internal/build"
)

// The tables the export fills, in the specification's order of them.
var exported = []string{"organization", "service", "attribute", "service_at_location", "location",
	"phone", "address", "language", "taxonomy_term", "organization_identifier", "taxonomy"}

// DirectoryIDType is the identifier_type of the organization_identifier
// row that holds a center's id in the directory. The import recognises a
// package written by export-hsds by it, and gives each center its id back.
const DirectoryIDType = "treatment directory id"

// NoStreet stands in address_1, which HSDS requires, for a center whose
// street the directory does not have; the import reads it as no street.
const NoStreet = "(street address not listed)"

// Phone descriptions, which the import reads back to tell the two apart.
const (
	MainPhone   = "Main number"
	IntakePhone = "Intake: the number for new patients"
)

// LevelsColumn is the CSV column, and taxonomy, of the levels of care.
const LevelsColumn = "levels"

// Export writes the validated site s as an HSDS 3.0 tabular data package
// to the folder out, which must be missing, empty or an earlier export.
// Nothing is written unless every file could be made.
func Export(s *build.Site, out string) error {
	files, err := Files(s)
	if err != nil {
		return err
	}
	return Publish(out, files)
}

// Files makes every file of the package, by name: one CSV a table and the
// datapackage.json that describes exactly them.
func Files(s *build.Site) (map[string][]byte, error) {
	spec, err := LoadSpec()
	if err != nil {
		return nil, err
	}
	e := newExporter(spec, s)
	e.addTaxonomies()
	for _, c := range s.Centers {
		e.addCenter(c)
	}
	files := map[string][]byte{}
	var resources []json.RawMessage
	for _, name := range e.order {
		t := e.tables[name]
		b, err := t.Bytes()
		if err != nil {
			return nil, err
		}
		files[t.Resource.Path] = b
		resources = append(resources, t.Resource.Raw)
	}
	d, err := descriptor(spec, s, resources)
	if err != nil {
		return nil, err
	}
	files["datapackage.json"] = d
	return files, nil
}

// descriptor is the datapackage.json of the export: the specification's
// own, with the site's title and only the tables written.
func descriptor(spec *Spec, s *build.Site, resources []json.RawMessage) ([]byte, error) {
	d := struct {
		Profile     json.RawMessage   `json:"profile"`
		Name        json.RawMessage   `json:"name"`
		Title       string            `json:"title"`
		Description string            `json:"description"`
		Version     json.RawMessage   `json:"version"`
		Sources     []source          `json:"sources"`
		Resources   []json.RawMessage `json:"resources"`
	}{
		Profile: spec.Meta["profile"], Name: spec.Meta["name"], Version: spec.Meta["version"],
		Title: s.Config.Title,
		Description: strings.TrimSpace(s.Config.Description + " Addiction treatment centers as an Open Referral " +
			"Human Services Data Specification (HSDS) 3.0 data package: one organization, service, location " +
			"and service at location per center; levels of care and the directory's filters as taxonomies."),
		Sources: []source{{Title: "Table schemas: Open Referral Human Services Data Specification 3.0 " +
			"(https://openreferral.org/), licensed under Creative Commons Attribution-ShareAlike 4.0",
			Path: "https://docs.openreferral.org/en/latest/hsds/"}},
		Resources: resources,
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

type source struct {
	Title string `json:"title"`
	Path  string `json:"path"`
}

// exporter builds the tables of one site.
type exporter struct {
	site   *build.Site
	tables map[string]*Table
	order  []string
}

func newExporter(spec *Spec, s *build.Site) *exporter {
	e := &exporter{site: s, tables: map[string]*Table{}}
	for _, r := range spec.Resources {
		for _, name := range exported {
			if r.Name == name {
				e.tables[name] = NewTable(r)
				e.order = append(e.order, name)
			}
		}
	}
	return e
}

func (e *exporter) add(table string, r Row) { e.tables[table].Add(r) }

// addTaxonomies writes one taxonomy for the levels of care and one per
// facet, with a term for each level and option.
func (e *exporter) addTaxonomies() {
	s := e.site
	guide := "The levels of care of addiction treatment, from the most intensive to the least."
	if s.Guide != nil && s.Guide.Description != "" {
		guide = s.Guide.Description
	}
	e.addTaxonomy(LevelsColumn, "Levels of care", guide)
	for _, l := range s.Levels {
		e.addTerm(LevelsColumn, "Levels of care", l.Code, l.Title, levelAbout(l))
	}
	for _, f := range s.Facets {
		e.addTaxonomy(f.Column, f.Title, or(f.About, f.Title))
		for _, o := range f.Options {
			e.addTerm(f.Column, f.Title, o.Code, o.Label, or(o.About, o.Label))
		}
	}
}

func (e *exporter) addTaxonomy(column, name, about string) {
	e.add("taxonomy", Row{"id": ID("taxonomy", column), "name": name, "description": about})
}

func (e *exporter) addTerm(column, taxonomy, code, name, about string) {
	e.add("taxonomy_term", Row{"id": termID(column, code), "code": TermCode(column, code),
		"name": name, "description": about, "taxonomy": taxonomy,
		"language": e.site.Config.Language, "taxonomy_id": ID("taxonomy", column)})
}

func termID(column, code string) string { return ID("taxonomy_term", column+"/"+code) }

// TermCode is a term's code in the export: the column and the code, as
// content/facets.toml names the option's table ("payment.medicaid"), since
// HSDS wants a code unique across every taxonomy and two facets may share
// one (payment.military, programs.military).
func TermCode(column, code string) string { return column + "." + code }

// levelAbout explains a level in one line from its front matter.
func levelAbout(l *build.Level) string {
	parts := []string{or(l.Short, l.ForWhom, l.Title)}
	if l.ASAM != "" {
		parts = append(parts, "ASAM level "+l.ASAM+".")
	}
	return strings.Join(parts, " ")
}

// or gives the first of ss that is not empty.
func or(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// addCenter writes the rows of one center.
func (e *exporter) addCenter(c *build.Center) {
	org, svc, loc := ID("organization", c.ID), ID("service", c.ID), ID("location", c.ID)
	e.add("organization", Row{"id": org, "name": c.Name, "description": e.orgAbout(c), "website": c.Website})
	e.add("organization_identifier", Row{"id": ID("organization_identifier", c.ID), "organization_id": org,
		"identifier_type": DirectoryIDType, "identifier": c.ID})
	e.add("service", Row{"id": svc, "organization_id": org, "name": c.Name, "url": c.Website,
		"status": "active", "description": "Levels of care: " + levelTitles(c) + ".",
		"eligibility_description": strings.Join(c.Onlys(e.site.Facets), "; "), "assured_date": c.Verified})
	e.add("location", e.location(c, org, loc))
	e.add("service_at_location", Row{"id": ID("service_at_location", c.ID), "service_id": svc, "location_id": loc})
	e.add("address", address(c, loc))
	e.addPhone(c, "main", c.Phone, MainPhone, svc, loc)
	e.addPhone(c, "intake", c.Intake, IntakePhone, svc, loc)
	e.addTerms(c, svc, loc)
}

func (e *exporter) orgAbout(c *build.Center) string {
	return fmt.Sprintf("%s gives addiction treatment in %s, %s (%s).", c.Name, c.City, c.State, levelTitles(c))
}

func levelTitles(c *build.Center) string {
	titles := make([]string, len(c.Levels))
	for i, l := range c.Levels {
		titles[i] = l.Title
	}
	return strings.Join(titles, ", ")
}

// location is the center's place. A center placed only at its ZIP code's
// centroid has no coordinates here: a receiver geocodes its address
// better than the centroid does.
func (e *exporter) location(c *build.Center, org, loc string) Row {
	r := Row{"id": loc, "location_type": "physical", "organization_id": org, "name": c.Name,
		"external_identifier": c.SourceID, "external_identifier_type": c.Source}
	if c.HasCoords && !c.Approximate {
		r["latitude"] = strconv.FormatFloat(c.Lat, 'f', -1, 64)
		r["longitude"] = strconv.FormatFloat(c.Lon, 'f', -1, 64)
	}
	return r
}

func address(c *build.Center, loc string) Row {
	lines := c.StreetLines()
	r := Row{"id": ID("address", c.ID), "location_id": loc, "address_1": NoStreet, "city": c.City,
		"state_province": c.State, "postal_code": c.ZIP, "country": "US", "address_type": "physical"}
	if len(lines) > 0 {
		r["address_1"] = lines[0]
		r["address_2"] = strings.Join(lines[1:], ", ")
	}
	return r
}

func (e *exporter) addPhone(c *build.Center, kind string, p build.Phone, about, svc, loc string) {
	if p.Digits == "" {
		return
	}
	number := build.Phone{Digits: p.Digits}.String()
	e.add("phone", Row{"id": ID("phone", c.ID+"/"+kind), "service_id": svc, "location_id": loc,
		"number": number, "extension": p.Ext, "type": "voice", "description": about})
}

// addTerms links the service to a term for each level and option it
// lists, and writes a language row for each option that is a language.
func (e *exporter) addTerms(c *build.Center, svc, loc string) {
	link := func(column, code string) {
		e.add("attribute", Row{"id": ID("attribute", c.ID+"/"+column+"/"+code), "link_id": svc,
			"taxonomy_term_id": termID(column, code), "link_entity": "service"})
	}
	for _, l := range c.Levels {
		link(LevelsColumn, l.Code)
	}
	for _, f := range e.site.Facets {
		for _, o := range c.Values(f) {
			link(f.Column, o.Code)
			if code := LanguageCode(append([]string{o.Code, o.Label}, o.Synonyms...)...); code != "" {
				e.add("language", Row{"id": ID("language", c.ID+"/"+f.Column+"/"+o.Code), "service_id": svc,
					"location_id": loc, "name": or(LanguageName(code), o.Label), "code": code})
			}
		}
	}
}
