package hsds

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

// specJSON is the specification's own datapackage.json (spec/NOTICE.md):
// the one declaration of every table, field and key that the export
// writes and the reader expects.
//
//go:embed spec/datapackage.json
var specJSON []byte

// Resource is one table of the specification.
type Resource struct {
	Name        string       // "service"
	Path        string       // "services.csv"
	Fields      []Field      // in the order of the CSV header
	ForeignKeys []ForeignKey // fields that must name a row of another table
	// Raw is the resource's descriptor as the specification writes it,
	// copied into the exported datapackage.json.
	Raw json.RawMessage
}

// Field is one column of a table, with the constraints the validator checks.
type Field struct {
	Name     string
	Type     string // string, number, date, datetime, time
	Format   string // uuid, uri, email or ""
	Required bool
	Unique   bool
	Enum     []string
}

// ForeignKey says that Field holds the id of a row of the table Resource.
type ForeignKey struct {
	Field, Resource string
}

// Spec is the specification's tables, by name and in its order.
type Spec struct {
	Resources []*Resource
	byName    map[string]*Resource
	// Meta holds the descriptor's own keys (profile, version, ...).
	Meta map[string]json.RawMessage
}

// Resource finds a table by name; nil if the specification has none.
func (s *Spec) Resource(name string) *Resource { return s.byName[name] }

// LoadSpec gives the embedded datapackage.json of HSDS 3.0, read once:
// the Spec it returns is shared and must not be changed.
func LoadSpec() (*Spec, error) { return loadSpec() }

var loadSpec = sync.OnceValues(parseSpec)

func parseSpec() (*Spec, error) {
	var doc struct {
		Resources []json.RawMessage `json:"resources"`
	}
	if err := json.Unmarshal(specJSON, &doc); err != nil {
		return nil, fmt.Errorf("hsds: reading the specification's datapackage.json: %w", err)
	}
	s := &Spec{byName: map[string]*Resource{}}
	if err := json.Unmarshal(specJSON, &s.Meta); err != nil {
		return nil, err
	}
	delete(s.Meta, "resources")
	for _, raw := range doc.Resources {
		r, err := parseResource(raw)
		if err != nil {
			return nil, err
		}
		s.Resources = append(s.Resources, r)
		s.byName[r.Name] = r
	}
	return s, nil
}

func parseResource(raw json.RawMessage) (*Resource, error) {
	var d struct {
		Name, Path string
		Schema     struct {
			Fields []struct {
				Name, Type, Format string
				Constraints        struct {
					Required, Unique bool
					Enum             []string
				}
			}
			ForeignKeys []struct {
				Fields    string
				Reference struct{ Resource string }
			}
		}
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("hsds: reading the specification's datapackage.json: %w", err)
	}
	r := &Resource{Name: d.Name, Path: d.Path, Raw: raw}
	for _, f := range d.Schema.Fields {
		r.Fields = append(r.Fields, Field{Name: f.Name, Type: f.Type, Format: f.Format,
			Required: f.Constraints.Required, Unique: f.Constraints.Unique, Enum: f.Constraints.Enum})
	}
	for _, fk := range d.Schema.ForeignKeys {
		r.ForeignKeys = append(r.ForeignKeys, ForeignKey{fk.Fields, fk.Reference.Resource})
	}
	return r, nil
}
