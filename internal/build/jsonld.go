package build

import (
	"encoding/json"
	"html/template"
	"strings"
)

// centerJSONLD describes a center for search engines as schema.org data.
// json.Marshal escapes <, > and &, so the result is safe inside <script>.
// The fields are in the order of their names.
func centerJSONLD(cfg *Config) func(c *Center) (template.JS, error) {
	return func(c *Center) (template.JS, error) {
		doc := jsonLDClinic{
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
		b, err := json.Marshal(doc)
		return template.JS(b), err
	}
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
