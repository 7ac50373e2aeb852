package build

import (
	"bytes"
	"strings"
)

// parseCenters parses and validates a centers CSV: the plain path, which
// reads every record. Every problem is recorded in rep; the centers
// returned, in file order, are only meaningful when rep has no errors.
// onCenter, when not nil, is told of each center kept, by its place in the
// result, with the record it came from; a place may be told again when a
// read in parts is started over.
func parseCenters(path string, data []byte, v *Vocabulary, rep *report, onCenter func(i int, rec *record)) []*Center {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	k := &centerCheck{path: path, v: v, onCenter: onCenter}
	k.restart()
	var read report
	ok := scanRecords(path, data, v, &read, k.restart, k.add)
	rep.merge(&read)
	if !ok {
		return nil
	}
	rep.merge(&k.rep)
	return k.centers
}

// centerCheck validates records as they are read, a batch at a time and
// in file order, so that the records of a large file are never all held:
// each batch is validated on every core, each record into its own report,
// then merged in order, which also finds duplicate ids.
type centerCheck struct {
	path     string
	v        *Vocabulary
	onCenter func(i int, rec *record)
	seen     map[string]int // the line of each id so far
	centers  []*Center
	rep      report // errors and warnings of the values; the reading's are apart
}

// restart forgets what was checked, for a read that starts over.
func (k *centerCheck) restart() {
	k.seen, k.centers, k.rep = map[string]int{}, nil, report{}
}

// add validates a batch of records, the next in the file.
func (k *centerCheck) add(recs []record) {
	valid := make([]*Center, len(recs))
	reps := make([]report, len(recs))
	parallel(len(recs), func(i int) { valid[i] = validateRecord(k.path, recs[i], k.v, &reps[i]) })
	packStrings(valid)
	for i := range recs {
		rec := &recs[i]
		k.rep.merge(&reps[i])
		c := valid[i]
		if c == nil {
			continue
		}
		if first, dup := k.seen[c.ID]; dup {
			line, col := rec.pos("id")
			k.rep.errorf(k.path, line, col, "duplicate id %q (first used on line %d)", c.ID, first)
			continue
		}
		k.seen[c.ID] = rec.line
		if k.onCenter != nil {
			k.onCenter(len(k.centers), rec)
		}
		k.centers = append(k.centers, c)
	}
}

// validatePart is how many records are read before they are validated.
const validatePart = 8192

// packStrings copies the text the centers keep into one string for the
// batch. Their fields are cut from the records' text, which holds every
// column of the line and, once a record is one object, the whole line
// stays live while any field of it is: 34 MB at 100,000 centers, where
// the kept text is about half. One string for thousands of centers is
// also one object for the collector to mark rather than one a center.
func packStrings(cs []*Center) {
	n := 0
	for _, c := range cs {
		if c != nil {
			for _, f := range c.texts() {
				n += len(*f)
			}
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, c := range cs {
		if c != nil {
			for _, f := range c.texts() {
				b.WriteString(*f)
			}
		}
	}
	text := b.String()
	for _, c := range cs {
		if c != nil {
			for _, f := range c.texts() {
				*f, text = text[:len(*f)], text[len(*f):]
			}
		}
	}
}

// texts are the string fields of c that validateRecord sets from the
// record, for packStrings. A field left out only keeps its record's text
// live.
func (c *Center) texts() [14]*string {
	return [...]*string{&c.ID, &c.Name, &c.Street, &c.City, &c.State, &c.ZIP, &c.Website, &c.Verified,
		&c.Source, &c.SourceID, &c.Phone.Digits, &c.Phone.Ext, &c.Intake.Digits, &c.Intake.Ext}
}
