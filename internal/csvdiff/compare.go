package csvdiff

import (
	"cmp"
	"errors"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"treatmentdir/internal/build"
)

// Report is the difference between an old and a new centers file.
type Report struct {
	OldCount, NewCount int
	Added              []*Center // in the new file only, by id
	Removed            []*Center // in the old file only, by id
	Changed            []Change  // by id
}

// Change is a center in both files whose fields differ.
type Change struct {
	Old, New *Center
	Fields   []FieldChange // in column order
}

// FieldChange is one field that differs. A single-valued field has Old and
// New; a multi-valued one lists the values it gained and lost instead.
type FieldChange struct {
	Field          string
	Old, New       string
	Added, Removed []string
	MultiValued    bool
}

// Diff reads both files and compares them by the columns of schema, or,
// when it is nil, by the columns their headers name (any column docs/csv.md
// does not fix taken as a facet). Its errors are build.Errors, every
// problem in either file.
func Diff(oldName string, oldData []byte, newName string, newData []byte, schema *Schema) (*Report, error) {
	oldFile, errOld := Read(oldName, oldData)
	newFile, errNew := Read(newName, newData)
	if errOld != nil || errNew != nil {
		return nil, joinErrors(errOld, errNew)
	}
	if schema == nil {
		s := headerSchema(oldFile.Header, newFile.Header)
		schema = &s
	}
	return Compare(oldFile, newFile, *schema), nil
}

// joinErrors merges the errors of two reads into one build.Errors.
func joinErrors(errs ...error) error {
	var all build.Errors
	for _, err := range errs {
		var e build.Errors
		if errors.As(err, &e) {
			all = append(all, e...)
		} else if err != nil {
			return err
		}
	}
	return all
}

// Compare lists the centers added, removed and changed from old to new.
func Compare(before, after *File, schema Schema) *Report {
	r := &Report{OldCount: len(before.Centers), NewCount: len(after.Centers)}
	for _, id := range slices.Sorted(maps.Keys(after.Centers)) {
		o, ok := before.Centers[id]
		if !ok {
			r.Added = append(r.Added, after.Centers[id])
			continue
		}
		if fields := compareCenters(schema, o, after.Centers[id]); len(fields) > 0 {
			r.Changed = append(r.Changed, Change{Old: o, New: after.Centers[id], Fields: fields})
		}
	}
	for _, id := range slices.Sorted(maps.Keys(before.Centers)) {
		if _, ok := after.Centers[id]; !ok {
			r.Removed = append(r.Removed, before.Centers[id])
		}
	}
	return r
}

// compareCenters lists the fields that differ, in column order.
func compareCenters(schema Schema, o, n *Center) []FieldChange {
	var out []FieldChange
	for _, col := range schema.Columns {
		if fc, changed := compareField(col, schema.MultiValued[col], o.Fields[col], n.Fields[col]); changed {
			out = append(out, fc)
		}
	}
	return out
}

// compareField says whether a field's value differs as the site shows it.
func compareField(field string, multiValued bool, before, after string) (FieldChange, bool) {
	before, after = strings.TrimSpace(before), strings.TrimSpace(after)
	if multiValued {
		added, removed := missingFrom(splitList(after), splitList(before)), missingFrom(splitList(before), splitList(after))
		fc := FieldChange{Field: field, Added: added, Removed: removed, MultiValued: true}
		return fc, len(added)+len(removed) > 0
	}
	fc := FieldChange{Field: field, Old: before, New: after}
	return fc, singleKey(field, before) != singleKey(field, after)
}

// singleKey is the form in which two values of a single-valued field are
// equal exactly when the site shows them alike.
func singleKey(field, v string) string {
	switch field {
	case "state":
		return strings.ToUpper(v)
	case "lat", "lon":
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
	case "phone", "intake_phone":
		return phoneKey(v)
	}
	return v
}

// extension matches a phone number's extension, as the build accepts it.
var extension = regexp.MustCompile(`(?i)\s*(?:x|ext\.?|extension)\s*([0-9]{1,6})\s*$`)

// phoneKey is a phone number's digits without a leading 1, and its
// extension: (617) 555-0100 and 1-617-555-0100 are the same number.
func phoneKey(v string) string {
	ext := ""
	if m := extension.FindStringSubmatchIndex(v); m != nil {
		ext = "x" + v[m[2]:m[3]]
		v = v[:m[0]]
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, v)
	if len(digits) == 11 && digits[0] == '1' {
		digits = digits[1:]
	}
	if len(digits) != 10 {
		return strings.TrimSpace(v) + ext // not a number the build accepts: compare as written
	}
	return digits + ext
}

// splitList splits a multi-valued field on ";", dropping empty values.
func splitList(s string) []string {
	var out []string
	for v := range strings.SplitSeq(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// setKey is the form in which two values of a set are the same value.
func setKey(v string) string {
	return strings.Join(strings.Fields(strings.ToLower(v)), " ")
}

// missingFrom lists the values of a that b lacks, each once, ordered by
// setKey; the text of a value is as a first gives it.
func missingFrom(a, b []string) []string {
	have := map[string]bool{}
	for _, v := range b {
		have[setKey(v)] = true
	}
	var out []string
	for _, v := range a {
		if k := setKey(v); !have[k] {
			have[k] = true
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(x, y string) int { return cmp.Or(cmp.Compare(setKey(x), setKey(y)), cmp.Compare(x, y)) })
	return out
}
