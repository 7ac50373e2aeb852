package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Facility is one row of a source before mapping: its fields under our
// column names, the labels that the vocabulary turns into levels and
// facets, and whether it offers substance use treatment.
type Facility struct {
	// Place says where the row is, for messages: "file.json: rows[3]".
	Place string
	// Fields holds values under our column names (name, street, city,
	// state, zip, lat, lon, phone, intake_phone, website, source_id).
	Fields map[string]string
	// Labels are the source's service labels (or decoded codes).
	Labels []string
	// SubstanceUse is true when the facility offers substance use
	// treatment; the others are left out unless every row is asked for.
	SubstanceUse bool
	// Terms are codes the source has mapped itself (an HSDS term's
	// taxonomy says which column it belongs to); they join those of Labels.
	Terms []Term
	// KeepUnplaced keeps a row without coordinates so, rather than place
	// it at its ZIP code's centroid: the source left them out because it
	// had only the centroid, and the build places such a row there and
	// says the place is approximate.
	KeepUnplaced bool
}

// InputError is a problem with an input file, at a place in it.
type InputError struct {
	Path, Place, Msg string
}

// Error gives the problem as file:place: message.
func (e *InputError) Error() string {
	if e.Place == "" {
		return e.Path + ": " + e.Msg
	}
	return e.Path + ":" + e.Place + ": " + e.Msg
}

func inputErrorf(path, place, format string, args ...any) *InputError {
	return &InputError{Path: path, Place: place, Msg: fmt.Sprintf(format, args...)}
}

// joinName joins a facility's name and its second name line (often the
// site or program), leaving out a second line that repeats the first.
func joinName(name1, name2 string) string {
	name1, name2 = clean(name1), clean(name2)
	if name2 == "" || strings.EqualFold(name1, name2) {
		return name1
	}
	if name1 == "" {
		return name2
	}
	return name1 + " - " + name2
}

// joinStreet joins a second address line to the first with a comma: the
// build refuses a line break in street today, and "10 Main St, Suite 4"
// reads the same on a center's page.
func joinStreet(street1, street2 string) string {
	street1, street2 = clean(street1), clean(street2)
	switch {
	case street2 == "":
		return street1
	case street1 == "":
		return street2
	}
	return street1 + ", " + street2
}

// streetLines gives an HSDS address's two lines as the CSV's street: a
// second line as a line break, which the build keeps as a second line.
func streetLines(line1, line2 string) string {
	line1, line2 = clean(line1), clean(line2)
	if line1 == "" || line2 == "" {
		return line1 + line2
	}
	return line1 + "\n" + line2
}

// cleanLines cleans each line of a street, keeping at most two: the
// first, and the others joined with commas as the second.
func cleanLines(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = clean(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > 2 {
		lines = []string{lines[0], strings.Join(lines[1:], ", ")}
	}
	return strings.Join(lines, "\n")
}

// derivedKey is the source_id of a facility whose source gives it no key
// of its own: a hash of its name, street and ZIP, which stay the same
// from one year's export to the next more often than anything else.
func derivedKey(source, name, street, zip string) string {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	sum := sha256.Sum256([]byte(norm(name) + "\x00" + norm(street) + "\x00" + norm(zip)))
	return source + "-" + hex.EncodeToString(sum[:10])
}

// clean trims a value and turns runs of white space into one space.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// splitLabels splits a FindTreatment "label; label" list.
func splitLabels(s string) []string {
	var out []string
	for _, l := range strings.Split(s, ";") {
		if l = clean(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
