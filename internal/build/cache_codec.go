package build

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
)

// centerCodec encodes Centers against one vocabulary, column by column
// as the vocabulary declares them: levels and options are stored as their
// places in it.
type centerCodec struct {
	levels      []*Level // in order
	columns     []*column
	facets      int
	sets        *vocabularySets // the vocabulary's, so that decoded centers share them too
	fingerprint [32]byte        // the generator and everything validation depends on
}

func newCenterCodec(v *Vocabulary) *centerCodec {
	k := &centerCodec{levels: make([]*Level, len(v.order)), columns: v.columns, facets: len(v.facets), sets: v.sets}
	for l, i := range v.order {
		k.levels[i] = l
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", cacheMagic, generatorID())
	for _, c := range v.columns {
		fmt.Fprintf(h, "column %q\x00", c.name)
	}
	for _, l := range k.levels {
		fmt.Fprintf(h, "level %q\x00", l.Code)
	}
	keys := make([]string, 0, len(v.levelByKey))
	for key := range v.levelByKey {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	for _, key := range keys {
		fmt.Fprintf(h, "key %q %q\x00", key, v.levelByKey[key].Code)
	}
	for i, f := range v.facets {
		for _, o := range f.Options {
			fmt.Fprintf(h, "option %q %q\x00", f.Column, o.Code)
		}
		okeys := slices.Sorted(maps.Keys(v.optionByKey[i]))
		for _, key := range okeys {
			fmt.Fprintf(h, "okey %q %q\x00", key, optionCodes(v.optionByKey[i][key]))
		}
	}
	h.Sum(k.fingerprint[:0])
	return k
}

// appendCenter appends the field of every column of c, after whether it
// has coordinates. Title, url and index are made by Site.model; Line is
// kept with the row.
func (k *centerCodec) appendCenter(b []byte, c *Center) []byte {
	if c.HasCoords {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	for _, col := range k.columns {
		switch f := col.field(c).(type) {
		case *string:
			b = appendString(b, *f)
		case *float64:
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(*f))
		case *Phone:
			b = appendString(appendString(b, f.Digits), f.Ext)
		case *[]*Level:
			b = appendIndexes(b, k.levels, *f)
		case *[]*Option:
			b = appendIndexes(b, col.facet.Options, *f)
		default:
			panic(fmt.Sprintf("column %s: the codec has no encoding for %T", col.name, f))
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendIndexes[T comparable](b []byte, all, have []T) []byte {
	b = binary.AppendUvarint(b, uint64(len(have)))
	for _, x := range have {
		b = binary.AppendUvarint(b, uint64(slices.Index(all, x)))
	}
	return b
}

// center decodes what appendCenter wrote. Strings are slices of s.
func (k *centerCodec) center(s string, line int) (*Center, error) {
	c := &Center{}
	return c, k.centerInto(c, make([][]*Option, k.facets), s, line)
}

// centerInto is center decoding into c, with opts, of one slot per facet,
// as its Options: a rebuild decodes every center kept, and gives them
// their room in a few large blocks rather than tens of thousands of small.
func (k *centerCodec) centerInto(c *Center, opts [][]*Option, s string, line int) error {
	d := decoder[string]{s: s}
	*c = Center{Line: line, Options: opts[:k.facets:k.facets]}
	c.HasCoords = d.byte() == 1
	for _, col := range k.columns {
		switch f := col.field(c).(type) {
		case *string:
			*f = d.string()
		case *float64:
			*f = d.float()
		case *Phone:
			f.Digits, f.Ext = d.string(), d.string()
		case *[]*Level:
			*f = decodeIndexes(&d, k.levels, &k.sets.levels, levelPlace)
		case *[]*Option:
			*f = decodeIndexes(&d, col.facet.Options, &k.sets.options[col.facet.index], optionPlace)
		}
	}
	if d.err == nil && d.s != "" {
		d.err = errors.New("trailing bytes")
	}
	return d.err
}

// decodeIndexes reads what appendIndexes wrote: a set of elements of
// all, as t shares it.
func decodeIndexes[T any](d *decoder[string], all []T, t *setTable[T], place func(T) int) []T {
	n := d.count()
	if n == 0 {
		return nil
	}
	var room [16]T
	set := room[:0]
	for range n {
		j := d.index(len(all))
		if d.err != nil {
			return nil
		}
		set = append(set, all[j])
	}
	return t.share(set, place)
}

// decoder reads what the append functions wrote, from a string or bytes;
// past a problem every read returns a zero value and err says what went
// wrong. Strings and bytes it returns are slices of its input.
type decoder[T string | []byte] struct {
	s   T
	err error
}

func (d *decoder[T]) fail() {
	if d.err == nil {
		d.err = errors.New("damaged")
	}
	d.s = d.s[:0]
}

func (d *decoder[T]) uvarint() uint64 {
	var x uint64
	for shift := 0; shift < 64; shift += 7 {
		if len(d.s) == 0 {
			break
		}
		c := d.s[0]
		d.s = d.s[1:]
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	d.fail()
	return 0
}

// int reads a number that an int holds, whatever the system.
func (d *decoder[T]) int() int {
	x := d.uvarint()
	if x > math.MaxInt32 {
		d.fail()
		return 0
	}
	return int(x)
}

// index reads a place in a list of n.
func (d *decoder[T]) index(n int) int {
	i := d.int()
	if i >= n {
		d.fail()
		return 0
	}
	return i
}

// count is a length that the rest of the input can hold.
func (d *decoder[T]) count() int {
	n := d.uvarint()
	if n > uint64(len(d.s)) {
		d.fail()
		return 0
	}
	return int(n)
}

// string reads a length, then as many bytes.
func (d *decoder[T]) string() T {
	n := d.count()
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

func (d *decoder[T]) byte() byte {
	if len(d.s) == 0 {
		d.fail()
		return 0
	}
	c := d.s[0]
	d.s = d.s[1:]
	return c
}

func (d *decoder[T]) key() Key {
	var k Key
	if len(d.s) < len(k) {
		d.fail()
		return k
	}
	copy(k[:], d.s[:len(k)])
	d.s = d.s[len(k):]
	return k
}

func (d *decoder[T]) float() float64 {
	if len(d.s) < 8 {
		d.fail()
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64([]byte(d.s[:8])))
	d.s = d.s[8:]
	return f
}
