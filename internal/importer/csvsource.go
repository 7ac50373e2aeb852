package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Mapping names, for each column of a spreadsheet (in lower case), the
// column of ours it holds.
type Mapping map[string]string

// ParseMapping reads a -map value: "Facility Name=name,Address=street" or
// the name of a file with one "Their Column=ours" a line. Our column must
// be one of columns.
func ParseMapping(spec string, columns []string) (Mapping, error) {
	pairs := strings.Split(spec, ",")
	where := "-map"
	if b, err := os.ReadFile(spec); err == nil {
		pairs, where = strings.Split(string(b), "\n"), spec
	}
	m := Mapping{}
	var errs []error
	for i, p := range pairs {
		if strings.TrimSpace(p) == "" || strings.HasPrefix(strings.TrimSpace(p), "#") {
			continue
		}
		theirs, ours, ok := strings.Cut(p, "=")
		theirs, ours = strings.ToLower(clean(theirs)), strings.ToLower(clean(ours))
		place := fmt.Sprint(i + 1)
		switch {
		case !ok || theirs == "" || ours == "":
			errs = append(errs, inputErrorf(where, place, "%q: want Their Column=our_column", clean(p)))
		case !slices.Contains(columns, ours):
			errs = append(errs, inputErrorf(where, place, "unknown column %q%s; the columns are %s",
				ours, didYouMean(ours, columns), strings.Join(columns, ", ")))
		default:
			m[theirs] = ours
		}
	}
	return m, errors.Join(errs...)
}

// didYouMean suggests the nearest of the names, or "".
func didYouMean(s string, names []string) string {
	best, bestD := "", 1<<30
	for _, n := range names {
		if d := distance(s, n); d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" || bestD > max(2, len(s)/2) {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// suggestColumn gives the column of ours that a spreadsheet's column
// looks like: one whose name it contains ("Phone Number" is phone, "ZIP
// Code" zip), else the nearest in spelling, else "column".
func suggestColumn(theirs string, ours []string) string {
	words := strings.FieldsFunc(theirs, func(r rune) bool { return r == ' ' || r == '_' || r == '-' })
	for _, w := range words {
		for _, c := range ours {
			if w == c || w+"s" == c {
				return c
			}
		}
	}
	best, bestD := "column", len(theirs)/3+1
	for _, c := range ours {
		if d := distance(theirs, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between two strings.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// ReadCSV reads any spreadsheet export through a mapping: a column named
// like one of ours needs no mapping; a column neither mapped nor named so
// is listed in the report with the column it looks like.
func ReadCSV(path string, data []byte, m Mapping, vocab Vocabulary, rep *Report) ([]Facility, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, csvError(path, err)
	}
	cols := mapHeader(header, m, columnOrder(vocab), rep)
	if !slices.Contains(cols, "name") {
		return nil, inputErrorf(path, "1:1", `no column is mapped to name: add -map "Their Name Column=name"`)
	}
	var out []Facility
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		line, _ := r.FieldPos(0)
		out = append(out, csvFacility(fmt.Sprint(line), rec, cols, vocab, rep))
	}
	return out, nil
}

// mapHeader gives our column for each of the spreadsheet's, or "".
func mapHeader(header []string, m Mapping, ours []string, rep *Report) []string {
	cols := make([]string, len(header))
	for i, h := range header {
		key := strings.ToLower(clean(h))
		if c, ok := m[key]; ok {
			cols[i] = c
		} else if c := strings.ReplaceAll(key, " ", "_"); slices.Contains(ours, c) {
			cols[i] = c
		} else {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("column %q is not imported: map it with -map %q",
				clean(h), clean(h)+"="+suggestColumn(key, ours)))
		}
	}
	return cols
}

func csvFacility(place string, rec, cols []string, vocab Vocabulary, rep *Report) Facility {
	f := Facility{Place: place, Fields: map[string]string{}, SubstanceUse: true}
	for i, v := range rec {
		if i >= len(cols) || cols[i] == "" {
			continue
		}
		switch col := cols[i]; {
		case slices.Contains(baseColumns, col) && col != "levels":
			if strings.ContainsAny(strings.TrimSpace(v), "\r\n") {
				v = strings.Join(strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\r' }), ", ")
				rep.fix(fixStreet)
			}
			f.Fields[col] = v
		default:
			f.Labels = append(f.Labels, splitList(v, vocab, rep)...)
		}
	}
	if f.Fields["source_id"] == "" {
		f.Fields["source_id"] = derivedKey("csv", clean(f.Fields["name"]), clean(f.Fields["street"]), clean(f.Fields["zip"]))
	}
	return f
}

// splitList splits a cell's list at ";", and at "," where the part is not
// itself a synonym (some SAMHSA labels hold commas).
func splitList(v string, vocab Vocabulary, rep *Report) []string {
	var out []string
	for _, part := range splitLabels(v) {
		if !strings.Contains(part, ",") || len(vocab.Match(part)) > 0 {
			out = append(out, part)
			continue
		}
		for _, p := range strings.Split(part, ",") {
			if p = clean(p); p != "" {
				out = append(out, p)
			}
		}
		rep.fix(fixSplit)
	}
	return out
}
