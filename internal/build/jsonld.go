package build

import (
	"encoding/json"
	"html/template"
	"math"
	"strconv"
	"strings"
	"sync"
)

// centerJSONLD describes a center for search engines as schema.org data.
// json.Marshal escapes <, > and &, so the result is safe inside <script>.
// The fields are in the order of their names.
func centerJSONLD(cfg *Config) func(c *Center) (template.JS, error) {
	return func(c *Center) (template.JS, error) {
		doc := jsonLDDoc(cfg, c)
		buf := jsonBufs.Get().(*[]byte)
		defer jsonBufs.Put(buf)
		var ok bool
		if *buf, ok = doc.appendPlain((*buf)[:0]); ok {
			return template.JS(*buf), nil // a copy, of the exact size
		}
		b, err := json.Marshal(doc)
		return template.JS(b), err
	}
}

// jsonBufs hold the JSON-LD of a page while it is written.
var jsonBufs = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// jsonLDDoc is the schema.org description of c.
func jsonLDDoc(cfg *Config, c *Center) *jsonLDClinic {
	doc := &jsonLDClinic{
		Context: "https://schema.org", Type: "MedicalClinic",
		Address: jsonLDAddress{Type: "PostalAddress", Country: "US", Locality: c.City, Region: c.State,
			PostalCode: c.ZIP, Street: c.Street},
		Services:  levelServices(c.Levels),
		Specialty: "https://schema.org/Psychiatric",
		Name:      c.Name, SameAs: c.Website,
		URL: cfg.BaseURL + strings.TrimPrefix(c.URL(), "/"),
	}
	if c.HasCoords && !c.Approximate {
		doc.Geo = &jsonLDGeo{Type: "GeoCoordinates", Latitude: c.Lat, Longitude: c.Lon}
	}
	if c.Phone.Digits != "" {
		doc.Telephone = "+1-" + c.Phone.Digits[:3] + "-" + c.Phone.Digits[3:6] + "-" + c.Phone.Digits[6:]
	}
	return doc
}

// appendPlain appends doc as json.Marshal writes it, without reflection,
// when every text in it is printable ASCII that JSON and HTML need not
// escape and every number is one json.Marshal writes in plain decimal
// ('f'); otherwise it reports false, and json.Marshal it is.
func (doc *jsonLDClinic) appendPlain(b []byte) ([]byte, bool) {
	w := plainJSON{b: b, ok: doc.Services != nil} // a nil list is null, which json.Marshal says
	w.raw(`{"@context":`).str(doc.Context).raw(`,"@type":`).str(doc.Type)
	a := &doc.Address
	w.raw(`,"address":{"@type":`).str(a.Type).raw(`,"addressCountry":`).str(a.Country)
	w.raw(`,"addressLocality":`).str(a.Locality).raw(`,"addressRegion":`).str(a.Region)
	w.raw(`,"postalCode":`).str(a.PostalCode)
	if a.Street != "" {
		w.raw(`,"streetAddress":`).str(a.Street)
	}
	w.raw(`},"availableService":[`)
	for i, sv := range doc.Services {
		if i > 0 {
			w.raw(",")
		}
		w.raw(`{"@type":`).str(sv.Type).raw(`,"name":`).str(sv.Name).raw("}")
	}
	w.raw("]")
	if doc.Geo != nil {
		w.raw(`,"geo":{"@type":`).str(doc.Geo.Type).raw(`,"latitude":`).num(doc.Geo.Latitude)
		w.raw(`,"longitude":`).num(doc.Geo.Longitude).raw("}")
	}
	w.raw(`,"medicalSpecialty":`).str(doc.Specialty).raw(`,"name":`).str(doc.Name)
	if doc.SameAs != "" {
		w.raw(`,"sameAs":`).str(doc.SameAs)
	}
	if doc.Telephone != "" {
		w.raw(`,"telephone":`).str(doc.Telephone)
	}
	w.raw(`,"url":`).str(doc.URL).raw("}")
	return w.b, w.ok
}

// plainJSON appends JSON text for appendPlain, and notes whether it all
// was plain.
type plainJSON struct {
	b  []byte
	ok bool
}

func (w *plainJSON) raw(s string) *plainJSON { w.b = append(w.b, s...); return w }

// str appends s quoted, if it needs no escape in JSON or in HTML.
func (w *plainJSON) str(s string) *plainJSON {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			w.ok = false
		}
	}
	w.b = append(append(append(w.b, '"'), s...), '"')
	return w
}

// num appends f as json.Marshal does when it writes plain decimal: zero,
// or a magnitude from 1e-6 up to 1e21.
func (w *plainJSON) num(f float64) *plainJSON {
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) || math.IsNaN(f) {
		w.ok = false
	}
	w.b = strconv.AppendFloat(w.b, f, 'f', -1, 64)
	return w
}

type (
	jsonLDClinic struct {
		Context   string          `json:"@context"`
		Type      string          `json:"@type"`
		Address   jsonLDAddress   `json:"address"`
		Services  []jsonLDService `json:"availableService"`
		Geo       *jsonLDGeo      `json:"geo,omitempty"`
		Specialty string          `json:"medicalSpecialty"`
		Name      string          `json:"name"`
		SameAs    string          `json:"sameAs,omitempty"`
		Telephone string          `json:"telephone,omitempty"`
		URL       string          `json:"url"`
	}
	jsonLDAddress struct {
		Type       string `json:"@type"`
		Country    string `json:"addressCountry"`
		Locality   string `json:"addressLocality"`
		Region     string `json:"addressRegion"`
		PostalCode string `json:"postalCode"`
		Street     string `json:"streetAddress,omitempty"`
	}
	jsonLDGeo struct {
		Type      string  `json:"@type"`
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
	}
	jsonLDService struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
)

func levelServices(levels []*Level) []jsonLDService {
	out := make([]jsonLDService, len(levels))
	for i, l := range levels {
		out[i] = jsonLDService{Type: "MedicalTherapy", Name: l.Title}
	}
	return out
}
