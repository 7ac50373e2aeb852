package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ftPage is one page of the FindTreatment.gov locator's JSON.
type ftPage struct {
	Rows *[]ftRow `json:"rows"`
}

// ftRow is one facility of the locator. Coordinates come as strings;
// newer exports spell typeFacility as type_facility and may have services
// null.
type ftRow struct {
	Frid          string      `json:"frid"`
	Name1         string      `json:"name1"`
	Name2         string      `json:"name2"`
	Street1       string      `json:"street1"`
	Street2       string      `json:"street2"`
	City          string      `json:"city"`
	State         string      `json:"state"`
	ZIP           flexString  `json:"zip"`
	Phone         string      `json:"phone"`
	Intake1       string      `json:"intake1"`
	Website       string      `json:"website"`
	Latitude      flexString  `json:"latitude"`
	Longitude     flexString  `json:"longitude"`
	TypeFacility  string      `json:"typeFacility"`
	TypeFacility2 string      `json:"type_facility"`
	Services      []ftService `json:"services"`
}

// ftService is one group of a facility's services: f3 holds its labels.
type ftService struct {
	F1 string `json:"f1"`
	F2 string `json:"f2"`
	F3 string `json:"f3"`
}

// flexString takes a JSON string or number: exports differ on the
// coordinates and the ZIP code.
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var v string
		err := json.Unmarshal(b, &v)
		*s = flexString(v)
		return err
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return errors.New("want a string or a number")
	}
	*s = flexString(n)
	return nil
}

// SourceFindTreatment is the source column's value for FindTreatment rows.
const SourceFindTreatment = "SAMHSA FindTreatment.gov"

// ReadFindTreatment reads one page of the locator's JSON (path names it
// in messages). A file that is not such a page is an error with the line
// and column where it goes wrong.
func ReadFindTreatment(path string, data []byte) ([]Facility, error) {
	var page ftPage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&page); err != nil {
		return nil, jsonError(path, data, dec, err)
	}
	if page.Rows == nil {
		return nil, inputErrorf(path, "1:1", `no "rows" list: want a FindTreatment.gov locator page {"page", "totalPages", "recordCount", "rows": [...]}`)
	}
	out := make([]Facility, 0, len(*page.Rows))
	for i, r := range *page.Rows {
		out = append(out, r.facility(fmt.Sprintf("rows[%d]", i)))
	}
	return out, nil
}

func (r ftRow) facility(place string) Facility {
	name := joinName(r.Name1, r.Name2)
	street := joinStreet(r.Street1, r.Street2)
	id := strings.TrimSpace(r.Frid)
	if id == "" {
		id = derivedKey("ft", name, street, string(r.ZIP))
	}
	f := Facility{Place: place, Fields: map[string]string{
		"name": name, "street": street, "city": r.City, "state": r.State, "zip": string(r.ZIP),
		"phone": r.Phone, "intake_phone": r.Intake1, "website": r.Website,
		"lat": string(r.Latitude), "lon": string(r.Longitude), "source_id": id,
	}}
	for _, s := range r.Services {
		f.Labels = append(f.Labels, splitLabels(s.F3)...)
	}
	f.SubstanceUse = substanceUse(r.TypeFacility+r.TypeFacility2, f.Labels)
	return f
}

// substanceUse tells a facility with substance use treatment by its
// type ("SA"; "MH" is mental health only), or by its type-of-care label
// when the type is missing or one this code does not know.
func substanceUse(kind string, labels []string) bool {
	switch strings.ToUpper(strings.TrimSpace(kind)) {
	case "SA", "SUD", "SU":
		return true
	case "MH":
		return false
	}
	return hasSubstanceUseLabel(labels)
}

// hasSubstanceUseLabel tells a facility whose type is not given by its
// type-of-care label.
func hasSubstanceUseLabel(labels []string) bool {
	for _, l := range labels {
		switch strings.ToLower(l) {
		case "substance use treatment", "substance abuse treatment":
			return true
		}
	}
	return false
}

// jsonError gives a JSON error its line and column.
func jsonError(path string, data []byte, dec *json.Decoder, err error) error {
	off := dec.InputOffset()
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	msg := err.Error()
	switch {
	case errors.As(err, &syn):
		off = syn.Offset - 1 // the offset counts the byte at fault
		msg = syn.Error() + " (is the file a complete FindTreatment.gov JSON export?)"
	case errors.As(err, &typ):
		off = typ.Offset - 1
		msg = fmt.Sprintf("%s: want %s, not a JSON %s", typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		msg = "the file is empty or ends too early (is it a complete FindTreatment.gov JSON export?)"
	}
	line, col := lineCol(data, int(off))
	return inputErrorf(path, fmt.Sprintf("%d:%d", line, col), "%s", msg)
}

// lineCol gives the 1-based line and column of a byte offset.
func lineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = off - bytes.LastIndexByte(before, '\n')
	return line, col
}
