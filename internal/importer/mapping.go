package importer

import (
	"fmt"
	"slices"
	"strings"
)

// mapper turns labels into terms through the vocabulary, remembering each
// label's answer: a national import asks about the same hundred labels a
// million times.
type mapper struct {
	vocab Vocabulary
	seen  map[string][]Term
	// centroids places a row without coordinates at its ZIP code's
	// centroid from zips; unknownZIPs names the rows it could not place.
	centroids   bool
	zips        ZIPLookup
	unknownZIPs []string
}

func newMapper(v Vocabulary) *mapper {
	return &mapper{vocab: v, seen: map[string][]Term{}}
}

func (m *mapper) match(label string) []Term {
	terms, ok := m.seen[label]
	if !ok {
		terms = m.vocab.Match(label)
		m.seen[label] = terms
	}
	return terms
}

// codes maps a facility's labels to the codes of each column, sorted,
// with the terms the source mapped itself, and counts every label that
// maps to nothing, once per facility.
func (m *mapper) codes(labels []string, terms []Term, rep *Report) map[string][]string {
	out := map[string][]string{}
	for _, t := range terms {
		if !slices.Contains(out[t.Column], t.Code) {
			out[t.Column] = append(out[t.Column], t.Code)
		}
	}
	var unmapped []string
	for _, l := range labels {
		terms := m.match(l)
		if len(terms) == 0 {
			unmapped = append(unmapped, l)
			continue
		}
		for _, t := range terms {
			if !slices.Contains(out[t.Column], t.Code) {
				out[t.Column] = append(out[t.Column], t.Code)
			}
		}
	}
	for col := range out {
		slices.Sort(out[col])
	}
	slices.Sort(unmapped)
	for _, l := range slices.Compact(unmapped) {
		rep.unmapped(l)
	}
	return out
}

// Reasons a facility is left out, as the report names them.
const (
	outNotSUD     = "not substance use treatment"
	outNoName     = "no name"
	outNoAddress  = "no address (city, state or ZIP code missing)"
	outBadState   = "state is not a USPS code"
	outBadZIP     = "ZIP code is not 5 digits"
	outNoLevel    = "no level of care among its labels"
	outDuplicated = "listed twice in the source (the first one is taken)"
)

// row turns a facility into a CSV row under our column names, or gives
// the reason it is left out.
func (m *mapper) row(f Facility, source string, all bool, rep *Report) (map[string]string, string) {
	if !f.SubstanceUse && !all {
		return nil, outNotSUD
	}
	r := make(map[string]string, len(f.Fields)+8)
	for k, v := range f.Fields {
		r[k] = clean(v)
	}
	r["street"] = cleanLines(f.Fields["street"])
	tidy(r, rep)
	if reason := missing(r); reason != "" {
		return nil, reason
	}
	for col, codes := range m.codes(f.Labels, f.Terms, rep) {
		r[col] = strings.Join(codes, ";")
	}
	if r["levels"] == "" {
		return nil, outNoLevel
	}
	if m.centroids && r["lat"] == "" && !f.KeepUnplaced {
		m.placeAtCentroid(r, f.Place, rep)
	}
	if _, ok := f.Fields["source"]; !ok {
		r["source"] = source
	}
	return r, ""
}

// missing names what keeps a row out of the CSV that the build would
// refuse, or gives "".
func missing(r map[string]string) string {
	switch {
	case r["name"] == "":
		return outNoName
	case r["city"] == "" || r["state"] == "" || r["zip"] == "":
		return outNoAddress
	}
	if _, ok := stateCode(r["state"]); !ok {
		return outBadState
	}
	if z := r["zip"]; !(len(z) == 5 || len(z) == 10) || !allDigits(z[:5]) {
		return outBadZIP
	}
	return ""
}

// placeAtCentroid gives a row its ZIP code's centroid, or notes that the
// ZIP code is unknown.
func (m *mapper) placeAtCentroid(r map[string]string, place string, rep *Report) {
	if m.zips != nil {
		if lat, lon, ok := m.zips(r["zip"]); ok {
			r["lat"], r["lon"] = lat, lon
			rep.fix(fixCentroid)
			return
		}
	}
	m.unknownZIPs = append(m.unknownZIPs, fmt.Sprintf("%s (%s, ZIP %s)", r["name"], place, r["zip"]))
}
