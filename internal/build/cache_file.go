package build

import (
	"bufio"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// writeCache writes a cache out as a file:
//
//	magic, fingerprint, the CSV's length, where its first record starts,
//	the header's line breaks and hash, the hash of what follows the last
//	record, the index shape, the number of rows, then each row: start,
//	end, hash, line, line breaks, Center (length, bytes), neighbours
//	(count, then row and miles of each), index row (length, bytes, then
//	the length without coordinates), and what it was made from (stale
//	and coordinates flags in a byte, latitude and longitude bits),
//	the rows in id order, the rows in name order,
//	and last the CRC-32C of everything before it.
func writeCache(w io.Writer, fingerprint [32]byte, c *centersCache) error {
	crc := crc32.New(castagnoli)
	bw := bufio.NewWriterSize(io.MultiWriter(w, crc), 64<<10)
	b := append([]byte(cacheMagic), fingerprint[:]...)
	for _, n := range []int{c.size, c.header, c.headerLines} {
		b = binary.AppendUvarint(b, uint64(n))
	}
	b = append(append(append(b, c.headerSum[:]...), c.tailSum[:]...), c.indexShape[:]...)
	b = binary.AppendUvarint(b, uint64(len(c.rows)))
	for _, r := range c.rows {
		b = binary.AppendUvarint(b, uint64(r.start))
		b = binary.AppendUvarint(b, uint64(r.end))
		b = append(b, r.sum[:]...)
		b = binary.AppendUvarint(b, uint64(r.line))
		b = binary.AppendUvarint(b, uint64(r.lines))
		b = appendString(b, r.center)
		b = binary.AppendUvarint(b, uint64(len(r.near)))
		for _, n := range r.near {
			b = binary.AppendUvarint(b, uint64(n.row))
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(n.miles))
		}
		b = appendIndexRow(b, r.index, r.indexFor)
		bw.Write(b)
		b = b[:0]
	}
	for _, order := range [][]int{c.byID, c.byName} {
		for _, row := range order {
			b = binary.AppendUvarint(b, uint64(row))
		}
	}
	bw.Write(b)
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, crc.Sum32()))
	return err
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// decodeCache reads a cache file made with the same fingerprint. The rows
// are checked to follow each other from the first record on, so that reuse
// can trust them; after the last may come blank lines, which hold no record.
// The body is one string: each row's Center is a slice of it, not a copy
// of its own (tens of thousands of small allocations).
func decodeCache(body string) (*centersCache, error) {
	d := decoder[string]{s: body}
	c := &centersCache{size: d.int(), header: d.int(), headerLines: d.int()}
	c.headerSum, c.tailSum, c.indexShape = d.key(), d.key(), d.key()
	n := d.count()
	c.rows = make([]cachedRow, n)
	near := make([]cachedNeighbor, 0, n*nearbyCount) // every row's, in one array, sized for the usual count
	at := c.header
	for i := range c.rows {
		r := &c.rows[i]
		r.start, r.end = d.int(), d.int()
		r.sum, r.line, r.lines = d.key(), d.int(), d.int()
		r.center = d.string()
		if d.err == nil && (r.start != at || r.end <= r.start || r.end > c.size) {
			d.fail()
		}
		at = r.end
		m := d.count()
		for range m {
			near = append(near, cachedNeighbor{d.index(n), d.float()})
		}
		r.near = near[len(near)-m:]
		r.index, r.indexFor = decodeIndexRow(&d)
	}
	c.byID, c.byName = decodeOrder(&d, n), decodeOrder(&d, n)
	if d.err == nil && (len(d.s) != 0 || c.header > c.size) {
		d.fail()
	}
	if d.err != nil {
		return nil, d.err
	}
	return c, nil
}

// appendIndexRow appends a row's index row and what it was made from.
func appendIndexRow(b []byte, r indexRow, in indexInput) []byte {
	b = binary.AppendUvarint(appendString(b, r.text), uint64(r.rowLen))
	var flags byte
	if in.stale {
		flags |= 1
	}
	if in.hasCoords {
		flags |= 2
	}
	b = binary.LittleEndian.AppendUint64(append(b, flags), in.lat)
	return binary.LittleEndian.AppendUint64(b, in.lon)
}

// decodeIndexRow reads what appendIndexRow wrote.
func decodeIndexRow(d *decoder[string]) (indexRow, indexInput) {
	r := indexRow{text: d.string()}
	if r.rowLen = d.int(); r.rowLen > len(r.text) {
		d.fail()
		return indexRow{}, indexInput{}
	}
	flags := d.byte()
	in := indexInput{stale: flags&1 != 0, hasCoords: flags&2 != 0}
	in.lat, in.lon = math.Float64bits(d.float()), math.Float64bits(d.float())
	return r, in
}

// readCacheFile reads the cache file name into one string and returns
// what it holds after its magic and the id of what it was made from,
// which must be id, and before the CRC-32C of it all, which must match.
// The file is read straight into the string, its CRC
// taken as it comes: a rebuild reads megabytes of it, and a copy of them
// costs as much again.
func readCacheFile(name, magic string, id []byte) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", err
	}
	head := len(magic) + len(id)
	size := fi.Size()
	if size < int64(head+4) || size > math.MaxInt32 {
		return "", errors.New("made by another generator or from other input")
	}
	var b strings.Builder
	b.Grow(int(size))
	crc := crc32.New(castagnoli)
	if _, err := io.Copy(io.MultiWriter(&b, &prefixWriter{crc, size - 4}), f); err != nil {
		return "", err
	}
	file := b.String()
	if len(file) != int(size) || file[:len(magic)] != magic || file[len(magic):head] != string(id) {
		return "", errors.New("made by another generator or from other input")
	}
	if crc.Sum32() != binary.LittleEndian.Uint32([]byte(file[size-4:])) {
		return "", errors.New("damaged")
	}
	return file[head : size-4], nil
}

// prefixWriter passes the first n bytes written on to w, and drops the rest.
type prefixWriter struct {
	w io.Writer
	n int64
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	if k := min(int64(len(b)), p.n); k > 0 {
		p.n -= k
		if _, err := p.w.Write(b[:k]); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// decodeOrder reads an order of n rows, which must hold each row once.
func decodeOrder(d *decoder[string], n int) []int {
	order := make([]int, n)
	seen := make([]bool, n)
	for i := range order {
		row := d.index(n)
		if d.err != nil || seen[row] {
			d.fail()
			return nil
		}
		order[i], seen[row] = row, true
	}
	return order
}

// writeFileAtomic writes a file with write, through a temporary file
// renamed into place. Temporary files that a killed build left, an hour
// old or more, are removed.
func writeFileAtomic(name string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	left, _ := filepath.Glob(name + ".*.tmp")
	for _, p := range left {
		if fi, err := os.Stat(p); err == nil && time.Since(fi.ModTime()) > time.Hour {
			os.Remove(p)
		}
	}
	f, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
