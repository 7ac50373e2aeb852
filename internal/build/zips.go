package build

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
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
	return readZIPs(disp, b, rep)
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
	zips := map[string]LatLon{}
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
