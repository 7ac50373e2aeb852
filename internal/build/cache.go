package build

import (
	"bytes"
	"io"
)

// The centers cache lets a rebuild read again only the records of the CSV
// that changed. A build that read the file without a problem keeps, in
// Config.CacheFile, where each record of the file lies and a hash of its
// bytes, each validated Center (encoded), each center's nearest neighbours,
// and the id and name orders. The next build compares the new file with
// the old, record by record, from the front and from the back: a record
// whose bytes are the same, read from the same state (the start of a
// record), makes the same Center; only the records between are read with
// encoding/csv and validated. Nearest neighbours are searched again only for
// centers whose list a changed center may enter or leave, and the orders
// take in the new centers without a sort.
//
// Whatever the cache holds, the result is the one a build without it
// gives: any problem in the changed records, a duplicate id, a changed
// header or vocabulary, a different generator or a damaged cache file sends
// the build back to reading the whole file, which reports as usual.

// cacheMagic starts every cache file; the number changes with the format.
const cacheMagic = "gen centers cache 5\n"

// centersCache is what one build read from the centers CSV.
type centersCache struct {
	size        int // the file's length, without a byte-order mark
	header      int // where the first record starts
	headerLines int // the line breaks in the header
	headerSum   Key // the header's bytes
	tailSum     Key // the bytes after the last record (blank lines)
	indexShape  Key // what the rows' index rows were made with (indexShape)
	rows        []cachedRow
	byID        []int // the rows in id order (Site.Centers)
	byName      []int // the rows in name order (Site.byName)
}

// cachedRow is one record of the file and the Center it made.
type cachedRow struct {
	start, end int    // the record's bytes in the file, from the line break before it
	sum        Key    // those bytes
	line       int    // the line the record starts on
	lines      int    // the line breaks in its bytes
	center     string // the Center, encoded by centerCodec
	near       []cachedNeighbor
	index      indexRow   // its row of the search index (index_rows.go)
	indexFor   indexInput // and what that was made from besides the record
}

// newCachedRow describes the record rec of data, which made c.
func newCachedRow(data []byte, rec recordSpan, c *Center, codec *centerCodec) cachedRow {
	b := data[rec.start:rec.end]
	return cachedRow{start: rec.start, end: rec.end, sum: sumKey(b), line: rec.line,
		lines: bytes.Count(b, []byte("\n")), center: string(codec.appendCenter(nil, c))}
}

// newCentersCache starts the cache of data, whose first record starts at
// header, with its rows.
func newCentersCache(data []byte, header int, rows []cachedRow) centersCache {
	last := header
	if len(rows) > 0 {
		last = rows[len(rows)-1].end
	}
	return centersCache{size: len(data), header: header, headerLines: bytes.Count(data[:header], []byte("\n")),
		headerSum: sumKey(data[:header]), tailSum: sumKey(data[last:]), rows: rows}
}

// cachedNeighbor is a neighbour by its row.
type cachedNeighbor struct {
	row   int
	miles float64
}

// rowCache is the cache of one build: what it read (prev, if anything),
// and what it keeps for the next (next), made as the build goes on.
type rowCache struct {
	file  string
	codec *centerCodec
	prev  *centersCache
	next  centersCache
	old   []int // for each row of next, the row of prev it was read from, or -1
	saved chan error
}

// openCache reads the cache file, if there is one made by this generator
// with this vocabulary. A missing or unusable file is no cache.
func openCache(file string, v *Vocabulary) *rowCache {
	rc := &rowCache{file: file, codec: newCenterCodec(v)}
	if body, err := readCacheFile(file, cacheMagic, rc.codec.fingerprint[:]); err == nil {
		rc.prev, _ = decodeCache(body)
	}
	return rc
}

// save writes the cache for the next build, in the background: wait
// returns once it is written. The file is replaced in one rename, so that
// builds never see half of it.
func (rc *rowCache) save(centers, byName []*Center, nearby [][]Neighbor) {
	rc.saved = make(chan error, 1)
	go func() {
		rc.next.byID, rc.next.byName = rows(centers), rows(byName)
		near := make([]cachedNeighbor, 0, len(centers)*nearbyCount) // every row's, in one array
		for _, c := range centers {
			start := len(near)
			for _, n := range nearby[c.index] {
				near = append(near, cachedNeighbor{n.Center.row, n.Miles})
			}
			rc.next.rows[c.row].near = near[start:len(near):len(near)]
		}
		err := writeFileAtomic(rc.file, func(w io.Writer) error { return writeCache(w, rc.codec.fingerprint, &rc.next) })
		// Nothing reads the rows again: let them go while the pages are
		// drawn (30 MB at 100,000 centers).
		rc.prev, rc.next = nil, centersCache{}
		rc.saved <- err
	}()
}

// rows is the row of each center.
func rows(centers []*Center) []int {
	out := make([]int, len(centers))
	for i, c := range centers {
		out[i] = c.row
	}
	return out
}

// wait waits for save.
func (rc *rowCache) wait() error {
	if rc == nil || rc.saved == nil {
		return nil
	}
	err := <-rc.saved
	rc.saved <- err
	return err
}
