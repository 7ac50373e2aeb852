package build

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"
)

// The search index is the data static/app.js searches, published under
// search/ and laid out so that a search near a ZIP code downloads a few
// small files only:
//
//	search/index.<hash>.json          the manifest; the home page's form
//	                                  names it in data-index
//	search/cells/<y>_<x>.<hash>.json  the centers of one grid cell
//	search/list.<hash>.json           every center, in name order
//	search/zip/<hash>/<ddd>.json      ZIP centroids by first three digits
//
// The manifest holds the facets (the level of care first, then those of
// content/facets.toml) with their options (code and label, in form order),
// the cell side in degrees, the hash of every cell that holds a center,
// the list's file name, the ZIP folder and the 3-digit prefixes that have a
// shard. The page fetches nothing the manifest does not name, so a search
// never asks for a file that does not exist: an unknown prefix is an
// unknown ZIP code without a request, and an empty cell is not fetched.
// Content hashes in the names let hosts cache the files for good, and a
// changed center rewrites only its cell, the list and the manifest.
//
// A center is a JSON array: id, name, city, state, phone (digits, then
// "x" and the extension if any), street (on one line), ZIP code, when it
// was checked (see appendChecked), then its levels and the options of each
// facet as bit sets, in the manifest's order of facets (bit i is the
// facet's option i); in a cell, then latitude and longitude. Centers
// without coordinates are only in the list.

// searchCellDeg is the side, in degrees, of the grid cells that split the
// centers by place. A 25-mile search touches 2 to 4 cells of one degree.
const searchCellDeg = 1.0

// indexVersion changes when the format of the index files does.
const indexVersion = 3

// maxFacetOptions is how many options a facet may have: the index stores a
// center's options as the bits of one number, which JavaScript handles
// exactly up to 31 bits.
const maxFacetOptions = 31

// indexFile is one file of the search index: its bytes, or, for the
// cells and the list, a function that hands them out in pieces, with
// their Key, so that a rebuild that finds the file in place never puts
// its megabytes together.
type indexFile struct {
	name  string // path under the output folder
	data  []byte
	write func(emit func(string))
	key   Key // of the bytes write hands out
	size  int // how many there are
}

// bytes is the file's bytes.
func (f *indexFile) bytes() []byte {
	if f.write == nil {
		return f.data
	}
	var b bytes.Buffer
	b.Grow(f.size)
	f.write(func(s string) { b.WriteString(s) })
	return b.Bytes()
}

// streamedFile is the file of the bytes write hands out, named by
// name(hash) where hash is their contentHash, of n digits.
func streamedFile(write func(emit func(string)), n int, name func(hash string) string) indexFile {
	h := newKeyHash()
	size := 0
	write(func(s string) {
		h.writeString(s)
		size += len(s)
	})
	k := h.sum() // its first half is the seedless xxhash of contentHash
	return indexFile{name: name(hashDigits(binary.LittleEndian.Uint64(k[:8]), n)), write: write, key: k, size: size}
}

// searchIndex is every file of the search index; manifest is the path of
// the one the page loads first, which names all the others.
type searchIndex struct {
	manifest string
	files    []indexFile
}

// indexManifest is search/index.<hash>.json. Paths in it are relative to
// its own folder.
type indexManifest struct {
	Version int               `json:"version"`
	Total   int               `json:"total"`
	Cell    float64           `json:"cell"`
	Facets  []indexFacet      `json:"facets"` // the level of care first, then facets.toml's
	List    string            `json:"list"`
	ZIPs    string            `json:"zips"`
	ZIP3    string            `json:"zip3"`
	Cells   map[string]string `json:"cells"`
}

// indexFacet is one filter: its URL parameter and its options.
type indexFacet struct {
	Param   string        `json:"param"`
	Title   string        `json:"title"`
	Options []indexOption `json:"options"`
	// Only holds, for a facet with accepts = true, what a center listing
	// only the option says, by the option's place; the card shows it.
	Only []string `json:"only,omitempty"`
}

// indexOption is one option of a facet, as the result badges name it.
type indexOption struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// newSearchIndex makes the search index of a site.
func newSearchIndex(s *Site) (*searchIndex, error) {
	m := &indexManifest{Version: indexVersion, Total: len(s.Centers), Cell: searchCellDeg, Cells: map[string]string{}}
	level := indexFacet{Param: FacetLevel, Title: "Level of care"}
	for _, l := range s.Levels {
		level.Options = append(level.Options, indexOption{l.Code, l.Title})
	}
	m.Facets = append(m.Facets, level)
	for _, f := range s.Facets {
		xf := indexFacet{Param: f.Param, Title: f.Title}
		for _, o := range f.Options {
			xf.Options = append(xf.Options, indexOption{o.Code, o.Label})
			if f.Accepts {
				xf.Only = append(xf.Only, o.OnlyText)
			}
		}
		m.Facets = append(m.Facets, xf)
	}
	for _, f := range m.Facets {
		if len(f.Options) > maxFacetOptions {
			return nil, fmt.Errorf("search index: facet %s has more than %d options", f.Param, maxFacetOptions)
		}
	}
	// Each center's row was made once, by model, on every core (or kept
	// from the last build: index_rows.go); the cells and the list are
	// hashed from the rows while the ZIP shards are made.
	rows := s.indexRows
	if len(rows) != len(s.Centers) {
		rows = (*rowCache)(nil).indexRows(s)
	}
	s.indexRows = nil // from here on the index holds them, until it is published (17 MB at 100,000 centers)
	var cells, list, zips searchIndex
	var wg sync.WaitGroup
	wg.Go(func() { cells.addCells(s, rows, m) })
	wg.Go(func() { list.addList(s, rows, m) })
	zips.addZIPs(s.ZIPs, m)
	wg.Wait()
	idx := &searchIndex{files: slices.Concat(cells.files, list.files, zips.files)}
	data, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	idx.manifest = indexDir + "index." + contentHash(data, 8) + ".json"
	idx.files = append(idx.files, indexFile{name: idx.manifest, data: data})
	return idx, nil
}

// indexDir is the output folder of the search index.
const indexDir = "search/"

// addCells writes one file per grid cell that holds a center, named by
// the cell and its content hash: search/cells/<y>_<x>.<hash>.json.
func (idx *searchIndex) addCells(s *Site, rows []indexRow, m *indexManifest) {
	cells := map[string][]int{}
	for i, c := range s.Centers {
		if c.HasCoords {
			k := cellKey(c.Lat, c.Lon)
			cells[k] = append(cells[k], i)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(cells)) {
		members := cells[k]
		write := func(emit func(string)) {
			emit("[")
			for i, ci := range members {
				if i > 0 {
					emit(",")
				}
				emit("[")
				emit(rows[ci].text) // with its coordinates
				emit("]")
			}
			emit("]")
		}
		idx.files = append(idx.files, streamedFile(write, 6, func(h string) string {
			m.Cells[k] = h
			return indexDir + "cells/" + k + "." + h + ".json"
		}))
	}
}

// cellKey names the grid cell of a point: "<y>_<x>", the floor of latitude
// and longitude divided by the cell side.
func cellKey(lat, lon float64) string {
	b := make([]byte, 0, 12)
	b = strconv.AppendInt(b, int64(math.Floor(lat/searchCellDeg)), 10)
	b = strconv.AppendInt(append(b, '_'), int64(math.Floor(lon/searchCellDeg)), 10)
	return string(b)
}

// addList writes every center, without its coordinates, in name order:
// the data of a search that is not by distance.
func (idx *searchIndex) addList(s *Site, rows []indexRow, m *indexManifest) {
	write := func(emit func(string)) {
		emit("[")
		for i, c := range s.byName {
			if i > 0 {
				emit(",")
			}
			emit("[")
			emit(rows[c.index].listRow())
			emit("]")
		}
		emit("]")
	}
	idx.files = append(idx.files, streamedFile(write, 8, func(h string) string {
		m.List = "list." + h + ".json"
		return indexDir + m.List
	}))
}

// sortedByName is centers in byName order. It lower-cases each name once,
// not at every comparison.
func sortedByName(centers []*Center) []*Center {
	type keyed struct {
		key string
		c   *Center
	}
	ks := make([]keyed, len(centers))
	for i, c := range centers {
		ks[i] = keyed{strings.ToLower(c.Name), c}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c // the id, a trip to memory, only for a tie
		}
		return strings.Compare(a.c.ID, b.c.ID)
	})
	out := make([]*Center, len(ks))
	for i, k := range ks {
		out[i] = k.c
	}
	return out
}

// appendRow appends what a result shows of a center, and what the filters
// test, as the fields of a JSON array without its brackets: id, name,
// city, state, phone (digits, then "x" and the extension if any; the
// intake number, marked by a leading "i", when there is one), street, ZIP
// code, when it was checked (appendChecked), then the
// levels and each facet's options as bit sets, bit i standing for the
// facet's option i in the manifest. In a cell, appendCoords follows.
func appendRow(b []byte, s *Site, c *Center) []byte {
	b = append(appendJSONString(b, c.ID), ',')
	b = append(appendJSONString(b, c.Name), ',')
	b = append(appendJSONString(b, c.City), ',')
	b = append(appendJSONString(b, c.State), ',')
	b = append(b, '"')
	p := c.Phone
	if c.Intake.Digits != "" { // the card's one number: intake first
		p = c.Intake
		b = append(b, 'i')
	}
	b = append(b, p.Digits...)
	if p.Ext != "" {
		b = append(append(b, 'x'), p.Ext...)
	}
	b = append(b, "\","...)
	b = append(appendJSONString(b, c.streetOneLine()), ',')
	b = append(appendJSONString(b, c.ZIP), ',')
	b = append(appendChecked(b, c), ',')
	b = strconv.AppendInt(b, int64(optionBits(s.Levels, c.Levels)), 10)
	for _, f := range s.Facets {
		b = strconv.AppendInt(append(b, ','), int64(optionBits(f.Options, c.Values(f))), 10)
	}
	return b
}

// appendChecked appends what a result card says of the center's last
// check, as _partials/checked.html does on the server's cards: "" when it
// was never checked, "s" and the month ("s2025-03") when the check is
// stale, else the day ("2026-07-20"). A stale card names only the month,
// so the day is left out and the rows stay small.
func appendChecked(b []byte, c *Center) []byte {
	b = append(b, '"')
	switch {
	case c.Verified == "":
	case c.Stale() && len(c.Verified) >= 7:
		b = append(append(b, 's'), c.Verified[:7]...)
	default:
		b = append(b, c.Verified...)
	}
	return append(b, '"')
}

// appendCoords appends a center's latitude and longitude to its row.
func appendCoords(b []byte, c *Center) []byte {
	b = appendJSONFloat(append(b, ','), c.Lat)
	return appendJSONFloat(append(b, ','), c.Lon)
}

func optionBits[T comparable](all, have []T) int {
	bits := 0
	for i, o := range all {
		if slices.Contains(have, o) {
			bits |= 1 << i
		}
	}
	return bits
}

// appendJSONString appends s as a JSON string. The quote, the backslash
// and control characters must be escaped; <, > and & are too, as
// encoding/json does, so that no file of the site ever holds markup from
// the data, whatever a browser or proxy takes it for.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for {
		i := 0
		for i < len(s) && !jsonEscaped[s[i]] {
			i++
		}
		b = append(b, s[:i]...)
		if i == len(s) {
			return append(b, '"')
		}
		if c := s[i]; c == '"' || c == '\\' {
			b = append(b, '\\', c)
		} else {
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		s = s[i+1:]
	}
}

// jsonEscaped marks the bytes appendJSONString escapes.
var jsonEscaped = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = true
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendJSONFloat appends f in the shortest form that reads back as f,
// without an exponent, as JavaScript's JSON.parse reads it exactly.
func appendJSONFloat(b []byte, f float64) []byte {
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// addZIPs writes the ZIP centroids in shards by their first three digits,
// search/zip/<hash>/<ddd>.json, each an object from the last two digits to
// [lat, lon]. One hash names the folder: the table changes rarely, and
// then all of it.
func (idx *searchIndex) addZIPs(zips map[string]LatLon, m *indexManifest) {
	codes := sortedZIPs(zips)
	var prefixes []string
	var files []indexFile
	all := xxhash.New()
	for len(codes) > 0 {
		p := codes[0][:3]
		n := 1
		for n < len(codes) && codes[n][:3] == p {
			n++
		}
		data := appendShard(nil, zips, codes[:n])
		prefixes = append(prefixes, p)
		files = append(files, indexFile{name: p + ".json", data: data})
		all.Write([]byte(p))
		all.Write(data)
		codes = codes[n:]
	}
	m.ZIPs = "zip/" + hex.EncodeToString(all.Sum(nil))[:8] + "/"
	m.ZIP3 = strings.Join(prefixes, "")
	for _, f := range files {
		idx.files = append(idx.files, indexFile{name: indexDir + m.ZIPs + f.name, data: f.data})
	}
}

// sortedZIPs is the codes of zips in order. They are five digits, so each
// has its slot in a table of 100,000 and no sort is needed.
func sortedZIPs(zips map[string]LatLon) []string {
	slots := make([]string, 100000)
	for zip := range zips {
		n, err := strconv.Atoi(zip)
		if len(zip) != 5 || err != nil || n < 0 {
			return slices.Sorted(maps.Keys(zips)) // not read from a ZIP table
		}
		slots[n] = zip
	}
	codes := make([]string, 0, len(zips))
	for _, zip := range slots {
		if zip != "" {
			codes = append(codes, zip)
		}
	}
	return codes
}

// appendShard appends a JSON object from the last two digits of each of
// codes, which share their first three and are in order, to its [lat, lon].
func appendShard(b []byte, zips map[string]LatLon, codes []string) []byte {
	b = append(b, '{')
	for i, code := range codes {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, code[3:])
		b = append(b, ":["...)
		b = appendJSONFloat(b, zips[code].Lat)
		b = append(b, ',')
		b = appendJSONFloat(b, zips[code].Lon)
		b = append(b, ']')
	}
	return append(b, '}')
}

// contentHash is the first n hex digits of a hash of data (xxhash, which
// is fast: the index is megabytes, hashed on every build).
func contentHash(data []byte, n int) string { return hashDigits(xxhash.Sum64(data), n) }

// hashDigits is the first n hex digits of the hash h.
func hashDigits(h uint64, n int) string {
	var sum [8]byte
	binary.BigEndian.PutUint64(sum[:], h)
	return hex.EncodeToString(sum[:])[:n]
}

// jobs turns the index into output jobs. Each file is keyed by its own
// bytes, so that one a build left in place is not read again to compare;
// a cell or the list is put together only when it is not in place.
func (idx *searchIndex) jobs() []job {
	jobs := make([]job, len(idx.files))
	for i, f := range idx.files {
		if f.write != nil {
			jobs[i] = job{name: f.name, key: func() Key { return f.key }, render: func(b *bytes.Buffer) error {
				b.Grow(f.size) // at once: the list is megabytes
				f.write(func(s string) { b.WriteString(s) })
				return nil
			}}
			continue
		}
		jobs[i] = job{name: f.name, key: func() Key { return sumKey(f.data) }, render: func(b *bytes.Buffer) error {
			_, err := b.Write(f.data)
			return err
		}}
	}
	return jobs
}

// publish writes the index files to out, then lets go of their bytes (a
// third of a megabyte per thousand centers) so that they are not held
// while the pages are drawn; the manifest's name stays for the layouts.
func (idx *searchIndex) publish(out Output) error {
	err := runJobs(idx.jobs(), out)
	idx.files = nil
	return err
}

// errNoIndex is the template error when a layout asks for the index of a
// renderer that has none.
var errNoIndex = errors.New("searchIndex: the search index is not built")
