package build

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
)

// LatLon is a point on the Earth in decimal degrees.
type LatLon struct {
	Lat, Lon float64
}

// loadZIPs reads the ZIP centroids that a search near a ZIP code starts
// from. A site without the file still builds: its search then takes only
// "lat,lon" and the browser's location, and the build warns.
func loadZIPs(fsys fs.FS, cfg Config, rep *report) map[string]LatLon {
	name := cfg.Data.ZIPs
	disp := displayPath(cfg.Root, name)
	if name == "" {
		return nil
	}
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		rep.warnOnce("nozips", Diagnostic{Path: disp, Msg: "file not found: the search cannot look up ZIP codes"})
		return nil
	}
	if err != nil {
		rep.errorf(disp, 0, 0, "reading: %v", err)
		return nil
	}
	if cfg.CacheFile == "" {
		return readZIPs(disp, b, rep)
	}
	// The table changes rarely: a build keeps the last one it read beside
	// its centers cache, and takes it from there while the file is the same.
	cache := cfg.CacheFile + ".zips"
	sum := zipsSum(b)
	if zips, err := readZIPCache(cache, sum); err == nil {
		return zips
	}
	var r report
	zips := readZIPs(disp, b, &r)
	if len(r.errs) == 0 {
		writeFileAtomic(cache, func(w io.Writer) error { return writeZIPCache(w, sum, zips) })
	}
	rep.merge(&r)
	return zips
}

// zipsMagic starts a ZIP cache file; the number changes with the format.
const zipsMagic = "gen zips cache 1\n"

// zipsSum names a ZIP table file and the generator that read it.
func zipsSum(data []byte) Key {
	return sumKey(append([]byte(zipsMagic+generatorID()+"\x00"), data...))
}

// writeZIPCache writes the table read from the file of that sum: the sum,
// the number of codes, the codes, then each one's latitude and longitude,
// and a CRC-32C of it all.
func writeZIPCache(w io.Writer, sum Key, zips map[string]LatLon) error {
	codes := sortedZIPs(zips)
	b := append([]byte(zipsMagic), sum[:]...)
	if slices.ContainsFunc(codes, func(c string) bool { return len(c) != 5 }) {
		return errors.New("a ZIP code that is not 5 digits")
	}
	b = binary.AppendUvarint(b, uint64(len(codes)))
	for _, code := range codes {
		b = append(b, code...)
	}
	for _, code := range codes {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(zips[code].Lat))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(zips[code].Lon))
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli)))
	return err
}

// readZIPCache reads the table of the file whose sum is sum, if the cache
// holds it.
func readZIPCache(name string, sum Key) (map[string]LatLon, error) {
	body, err := readCacheFile(name, zipsMagic, sum[:])
	if err != nil {
		return nil, err
	}
	d := decoder[string]{s: body}
	n := d.count()
	if d.err != nil || len(d.s) != n*(5+16) {
		return nil, errors.New("damaged")
	}
	codes := strings.Clone(d.s[:5*n]) // not the whole file, as the table's keys
	d.s = d.s[5*n:]
	zips := make(map[string]LatLon, n)
	for i := range n {
		lat := d.float()
		zips[codes[5*i:5*i+5]] = LatLon{lat, d.float()}
	}
	return zips, nil
}

// readZIPs parses a zip,lat,lon CSV. Every problem goes to rep with its
// position; the table returned is only meaningful when rep has no errors.
func readZIPs(path string, data []byte, rep *report) map[string]LatLon {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = 3
	r.ReuseRecord = true
	head, err := r.Read()
	if errors.Is(err, io.EOF) {
		rep.errorf(path, 0, 0, "empty file: expected the header zip,lat,lon and one row per ZIP code")
		return nil
	}
	if err != nil {
		rep.errs = append(rep.errs, CSVDiagnostic(path, err))
		return nil
	}
	if got := strings.ToLower(strings.Join(normalizeHeaders(head), ",")); got != "zip,lat,lon" {
		rep.errorf(path, 1, 1, "header is %q: it must be zip,lat,lon", strings.Join(head, ","))
		return nil
	}
	zips := make(map[string]LatLon, bytes.Count(data, []byte("\n"))) // sized once: growing it was a tenth of a small build
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			rep.errs = append(rep.errs, CSVDiagnostic(path, err))
			return nil
		}
		readZIPRow(path, r, rec, zips, rep)
	}
	if len(zips) == 0 && len(rep.errs) == 0 {
		rep.errorf(path, 1, 1, "no ZIP codes: the file has a header but no rows")
	}
	return zips
}

func readZIPRow(path string, r *csv.Reader, rec []string, zips map[string]LatLon, rep *report) {
	fail := func(field int, format string, args ...any) {
		line, col := r.FieldPos(field)
		rep.errorf(path, line, col, format, args...)
	}
	zip := strings.TrimSpace(rec[0])
	if len(zip) != 5 || strings.Trim(zip, "0123456789") != "" {
		fail(0, "zip %q must be 5 digits", rec[0])
		return
	}
	if _, dup := zips[zip]; dup {
		fail(0, "duplicate zip %s", zip)
		return
	}
	lat, errLat := parseZIPDegrees(rec[1], 90)
	if errLat != "" {
		fail(1, "lat %s", errLat)
	}
	lon, errLon := parseZIPDegrees(rec[2], 180)
	if errLon != "" {
		fail(2, "lon %s", errLon)
	}
	if errLat == "" && errLon == "" {
		zips[zip] = LatLon{lat, lon}
	}
}

// parseZIPDegrees returns the problem with s in words, or "".
func parseZIPDegrees(s string, limit float64) (float64, string) {
	s = strings.TrimSpace(s)
	f, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil || f != f:
		return 0, strconv.Quote(s) + " is not a decimal number of degrees"
	case f < -limit || f > limit:
		return 0, s + " is out of range (-" + strconv.FormatFloat(limit, 'f', -1, 64) + " to " + strconv.FormatFloat(limit, 'f', -1, 64) + ")"
	}
	return f, ""
}
