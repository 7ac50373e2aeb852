package build

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// loadWith loads fsys with csv as its centers, through the cache file if
// one is named.
func loadWith(t *testing.T, fsys fstest.MapFS, csv []byte, cacheFile string) (*Site, error) {
	t.Helper()
	fsys["data/centers.csv"] = &fstest.MapFile{Data: csv}
	cfg, err := LoadConfig(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	cfg.ResolveBaseURL("", "")
	cfg.CacheFile = cacheFile
	s, err := Load(fsys, cfg)
	if err == nil {
		s.cache.wait()
	}
	return s, err
}

// summary is everything Load gives that a page can show or a message
// says, in a form that compares with ==.
func summary(s *Site, err error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "error: %v\n", err)
	for _, w := range s.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	if err != nil {
		return b.String()
	}
	for _, c := range s.Centers {
		v := *c
		v.Levels, v.Options = nil, nil
		v.url, v.index, v.row = "", 0, 0
		fmt.Fprintf(&b, "%#v levels=%s", v, levelCodesOf(c))
		for _, f := range s.Facets {
			fmt.Fprintf(&b, " %s=%s", f.Column, optionCodesOf(c.Values(f)))
		}
		b.WriteString(" near:")
		for _, n := range s.Nearby[c.index] {
			fmt.Fprintf(&b, " %s %v", n.ID, n.Miles)
		}
		b.WriteByte('\n')
	}
	for _, st := range s.States {
		fmt.Fprintf(&b, "state %s %d:", st.Code, st.Count)
		for _, city := range st.Cities {
			fmt.Fprintf(&b, " %s(%d)", city.Name, len(city.Centers))
		}
		b.WriteByte('\n')
	}
	b.WriteString("by name:")
	for _, c := range s.byName {
		fmt.Fprintf(&b, " %s", c.ID)
	}
	b.WriteString("\nsearch index rows:\n") // kept from the cache or made (index_rows.go)
	for _, r := range s.indexRows {
		fmt.Fprintf(&b, "%s %d\n", r.text, r.rowLen)
	}
	return b.String()
}

// reused is how many centers the last Load took from the cache.
// oneLineFS is syntheticFS with every record on one line, as the edits
// of the cache tests, made line by line, count on.
func oneLineFS(t *testing.T, n int) fstest.MapFS {
	fsys := syntheticFS(t, n)
	fsys["data/centers.csv"].Data = bytes.ReplaceAll(fsys["data/centers.csv"].Data, []byte("\nSuite "), []byte(" Suite "))
	return fsys
}

func reused(s *Site) int {
	n := 0
	if s.cache != nil && s.cache.old != nil {
		for _, o := range s.cache.old {
			if o >= 0 {
				n++
			}
		}
	}
	return n
}

// TestCachedLoadMatchesFullLoad edits a CSV in every way a maintainer
// might, and checks that a load through the cache of the old file gives
// what a load of the new file alone gives: centers, neighbours, warnings
// and errors alike.
func TestCachedLoadMatchesFullLoad(t *testing.T) {
	fsys := oneLineFS(t, 1500)
	base := fsys["data/centers.csv"].Data
	lines := strings.SplitAfter(string(base), "\n")
	header, rows := lines[0], lines[1:len(lines)-1] // the file ends with a line break
	join := func(parts ...string) []byte { return []byte(strings.Join(parts, "")) }
	rowsJoin := func(rs []string) string { return strings.Join(rs, "") }
	field := func(row string, i int, value string) string {
		f := strings.Split(strings.TrimSuffix(row, "\n"), ",")
		f[i] = value
		return strings.Join(f, ",") + "\n"
	}
	mid := plainRow(rows, len(rows)/2)
	moved := field(field(rows[mid], 6, "40.7130"), 7, "-74.0060") // lat, lon: to New York
	idOf := func(row string) string { return strings.SplitN(row, ",", 2)[0] }
	newRow := field(rows[mid], 0, "brand-new-center")
	crlf := strings.ReplaceAll(string(base), "\n", "\r\n")

	cases := []struct {
		name      string
		old, new  []byte
		minReused int // rows the cache must have given
	}{
		{"unchanged", base, base, len(rows)},
		{"one name", base, join(header, rowsJoin(rows[:mid]), field(rows[mid], 1, "Renamed Recovery"), rowsJoin(rows[mid+1:])), len(rows) - 1},
		{"moved", base, join(header, rowsJoin(rows[:mid]), moved, rowsJoin(rows[mid+1:])), len(rows) - 1},
		{"first removed", base, join(header, rowsJoin(rows[1:])), len(rows) - 1},
		{"middle removed", base, join(header, rowsJoin(rows[:mid]), rowsJoin(rows[mid+1:])), len(rows) - 1},
		{"last removed", base, join(header, rowsJoin(rows[:len(rows)-1])), len(rows) - 1},
		{"added first", base, join(header, newRow, rowsJoin(rows)), len(rows)},
		{"added last", base, join(header, rowsJoin(rows), newRow), len(rows)},
		{"added without a final line break", base, join(header, rowsJoin(rows), strings.TrimSuffix(newRow, "\n")), len(rows)},
		{"last line break removed", base, bytes.TrimSuffix(base, []byte("\n")), len(rows) - 1},
		{"appended to a file without a final line break", bytes.TrimSuffix(base, []byte("\n")), join(header, rowsJoin(rows), newRow), len(rows) - 1},
		{"blank lines", base, join(header, rowsJoin(rows[:mid]), "\n\n", rowsJoin(rows[mid:])), len(rows)},
		{"blank lines at the end", base, join(string(base), "\n\n"), len(rows) - 1},
		{"quoted comma", base, join(header, rowsJoin(rows[:mid]), field(rows[mid], 2, "\"1 Main St, Suite 2\""), rowsJoin(rows[mid+1:])), len(rows) - 1},
		{"quoted line break (an error)", base, join(header, rowsJoin(rows[:mid]), field(rows[mid], 2, "\"1 Main St\nSuite 2\""), rowsJoin(rows[mid+1:])), 0},
		{"two rows far apart", base, join(header, rowsJoin(rows[:mid/2]), field(rows[mid/2], 1, "First Changed"), rowsJoin(rows[mid/2+1:mid]), field(rows[mid], 1, "Last Changed"), rowsJoin(rows[mid+1:])), len(rows) - mid/2 - 1},
		{"CRLF, one row", []byte(crlf), []byte(strings.Replace(crlf, rows[mid][:20], rows[mid][:19]+"x", 1)), len(rows) - 1},
		{"byte-order mark added", base, join("\uFEFF", string(base)), 0},
		{"header changed", base, join(strings.Replace(header, "name", "NAME", 1), rowsJoin(rows)), 0},
		{"unknown level", base, join(header, rowsJoin(rows[:mid]), field(rows[mid], 10, "detoxx"), rowsJoin(rows[mid+1:])), 0},
		{"duplicate id of a kept row", base, join(header, rowsJoin(rows[:mid]), field(rows[mid], 0, idOf(rows[0])), rowsJoin(rows[mid+1:])), 0},
		{"bare quote", base, join(header, rowsJoin(rows[:mid]), field(rows[mid], 1, "Bad\"Quote"), rowsJoin(rows[mid+1:])), 0},
		{"unclosed quote", base, join(header, rowsJoin(rows[:mid]), field(rows[mid], 1, "\"Open"), rowsJoin(rows[mid+1:])), 0},
		{"everything removed", base, []byte(header), 0},
		{"a row changed, and a blank line at the end now a stray record", join(string(base), "\n"),
			join(header, rowsJoin(rows[:mid]), field(rows[mid], 1, "Renamed Recovery"), rowsJoin(rows[mid+1:]), "X"), 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cache := filepath.Join(t.TempDir(), "centers.cache")
			if _, err := loadWith(t, fsys, tc.old, cache); err != nil {
				t.Fatal(err)
			}
			cached, cerr := loadWith(t, fsys, tc.new, cache)
			want, werr := loadWith(t, fsys, tc.new, "")
			if got, want := summary(cached, cerr), summary(want, werr); got != want {
				t.Fatalf("through the cache:\n%s\nwant:\n%s", firstDiff(got, want), firstDiff(want, got))
			}
			if n := reused(cached); n < tc.minReused {
				t.Errorf("%d centers from the cache, want at least %d", n, tc.minReused)
			}
		})
	}
}

// TestCachedLoadRandomEdits makes random one-row edits in a row, each
// build reading the cache of the one before.
func TestCachedLoadRandomEdits(t *testing.T) {
	fsys := oneLineFS(t, 1500)
	rows := strings.SplitAfter(string(fsys["data/centers.csv"].Data), "\n")
	rows = rows[:len(rows)-1]
	cache := filepath.Join(t.TempDir(), "centers.cache")
	rng := rand.New(rand.NewPCG(7, 7))
	for step := range 40 {
		i := plainRow(rows, 1+rng.IntN(len(rows)-1))
		f := strings.Split(strings.TrimSuffix(rows[i], "\n"), ",")
		switch step % 4 {
		case 0: // move it a little
			f[6] = fmt.Sprintf("%.4f", 39+rng.Float64()*2)
			f[7] = fmt.Sprintf("%.4f", -76+rng.Float64()*2)
		case 1:
			f[1] = fmt.Sprintf("Center %d", step)
		case 3: // add one beside it
			f[0] = fmt.Sprintf("added-%d", step)
		}
		switch row := strings.Join(f, ",") + "\n"; step % 4 {
		case 2: // remove it
			rows = append(rows[:i:i], rows[i+1:]...)
		case 3:
			rows = append(rows[:i:i], append([]string{row}, rows[i:]...)...)
		default:
			rows[i] = row
		}
		csv := []byte(strings.Join(rows, ""))
		cached, cerr := loadWith(t, fsys, csv, cache)
		want, werr := loadWith(t, fsys, csv, "")
		if got, want := summary(cached, cerr), summary(want, werr); got != want {
			t.Fatalf("step %d through the cache:\n%s\nwant:\n%s", step, firstDiff(got, want), firstDiff(want, got))
		}
		if step > 0 && reused(cached) < len(rows)-2 {
			t.Fatalf("step %d: %d centers from the cache of %d", step, reused(cached), len(rows)-1)
		}
	}
}

// plainRow is the first row from i on without quotes, whose fields are
// its commas apart.
func plainRow(rows []string, i int) int {
	for strings.Contains(rows[i], `"`) {
		i++
	}
	return i
}

// TestDamagedCacheIgnored loads through cache files cut short or with a
// byte changed: each is read as no cache.
func TestDamagedCacheIgnored(t *testing.T) {
	fsys := syntheticFS(t, 200)
	csv := fsys["data/centers.csv"].Data
	cache := filepath.Join(t.TempDir(), "centers.cache")
	want, err := loadWith(t, fsys, csv, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loadWith(t, fsys, csv, cache); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(cache)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{good[:len(good)/2], good[:40], append(bytes.Clone(good[:len(good)-9]), 0xff, 1, 2, 3, 4, 5, 6, 7, 8)} {
		if err := os.WriteFile(cache, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := loadWith(t, fsys, csv, cache)
		if summary(got, err) != summary(want, nil) || reused(got) != 0 {
			t.Fatalf("a damaged cache of %d bytes changed the load (%d centers reused)", len(bad), reused(got))
		}
	}
}

// TestCenterCodecCoversCenter round-trips a center with every field set:
// a field added to Center without a place in the cache fails here.
func TestCenterCodecCoversCenter(t *testing.T) {
	s, _ := mustBuild(t, repoSite(t))
	c := *s.Site.Centers[0]
	c.Street, c.Website, c.Verified = "1 Main St", "https://example.org/", "2026-01-02"
	c.Phone, c.Intake = Phone{"5555550100", "12"}, Phone{"5555550101", ""}
	c.Source, c.SourceID = "Example source", "x-1"
	c.Lat, c.Lon, c.HasCoords = 1.5, -2.25, true
	c.Levels = s.Site.Levels[:2]
	c.Options = make([][]*Option, len(s.Site.Facets))
	for i, f := range s.Site.Facets {
		c.Options[i] = f.Options[:1]
	}
	c.Title, c.url, c.index, c.row, c.stale, c.cityURL = "", "", 0, 0, false, "" // made by Site.model and the reader, not kept
	// Approximate is made by the site from the ZIP table after reading: the
	// cache keeps centers as read (TestCentroidsThroughCache).
	codec := newCenterCodec(s.Site.Vocabulary)
	got, err := codec.center(string(codec.appendCenter(nil, &c)), c.Line)
	if err != nil {
		t.Fatal(err)
	}
	v := reflect.ValueOf(c)
	for i := range v.NumField() {
		if name := v.Type().Field(i).Name; v.Field(i).IsZero() && !strings.Contains("Title Approximate url index row stale cityURL", name) {
			t.Errorf("the test center leaves %s empty", name)
		}
	}
	if !reflect.DeepEqual(*got, c) {
		t.Errorf("decoded %+v\nwant    %+v", *got, c)
	}
	// The fewest fields, with the last options of each list: no places in
	// a list may be taken for lengths of what follows.
	bare := Center{ID: "b", Name: "B", City: "C", State: "OH", ZIP: "43215", Line: 9,
		Levels: s.Site.Levels[len(s.Site.Levels)-1:], Options: make([][]*Option, len(s.Site.Facets))}
	for i, f := range s.Site.Facets {
		bare.Options[i] = f.Options[len(f.Options)-1:]
	}
	if got, err := codec.center(string(codec.appendCenter(nil, &bare)), bare.Line); err != nil || !reflect.DeepEqual(*got, bare) {
		t.Errorf("decoded %+v (%v)\nwant    %+v", got, err, bare)
	}
}

// TestPublishThroughCache publishes a changed CSV through the cache and
// without it, into two folders: every file must be the same.
func TestPublishThroughCache(t *testing.T) {
	fsys := syntheticFS(t, 800)
	csv := fsys["data/centers.csv"].Data
	cfg, _ := LoadConfig(fsys, ".")
	cfg.ResolveBaseURL("", "")
	withCache, without := t.TempDir(), t.TempDir()
	cfg.CacheFile = filepath.Join(t.TempDir(), "centers.cache")
	if _, _, err := Publish(fsys, cfg, withCache); err != nil {
		t.Fatal(err)
	}
	rows := strings.SplitAfter(string(csv), "\n")
	rows[400] = strings.Replace(rows[400], ",", ",Renamed ", 1)
	fsys["data/centers.csv"] = &fstest.MapFile{Data: []byte(strings.Join(rows[:300], "") + strings.Join(rows[301:], ""))}
	res, _, err := Publish(fsys, cfg, withCache)
	if err != nil {
		t.Fatal(err)
	}
	if reused(res.Site) == 0 {
		t.Fatal("the cache was not used")
	}
	cfg.CacheFile = ""
	if _, _, err := Publish(fsys, cfg, without); err != nil {
		t.Fatal(err)
	}
	a, b := readTree(t, withCache), readTree(t, without)
	delete(a, manifestFile)
	delete(b, manifestFile)
	if len(a) != len(b) {
		t.Fatalf("%d files through the cache, %d without", len(a), len(b))
	}
	for name, data := range b {
		if !bytes.Equal(a[name], data) {
			t.Errorf("%s differs through the cache", name)
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	atLeast(t, "files under "+dir, len(files), 1) // two empty trees would be the same
	return files
}

// firstDiff is a from the first line where it differs from b, a few lines.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range al {
		if i >= len(bl) || al[i] != bl[i] {
			return strings.Join(al[i:min(i+3, len(al))], "\n")
		}
	}
	return "(the same up to its end)"
}

// TestZIPTableCache: the ZIP table comes from the cache while zips.csv is
// the same, and from the file again once it changes or the cache is
// damaged; it is the table the file gives either way.
func TestZIPTableCache(t *testing.T) {
	fsys := syntheticFS(t, 100)
	csv := fsys["data/centers.csv"].Data
	cache := filepath.Join(t.TempDir(), "centers.cache")
	check := func(step string) {
		t.Helper()
		want, err := loadWith(t, fsys, csv, "")
		if err != nil {
			t.Fatal(err)
		}
		got, err := loadWith(t, fsys, csv, cache)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got.ZIPs, want.ZIPs) {
			t.Fatalf("%s: %d ZIP codes through the cache, %d from the file", step, len(got.ZIPs), len(want.ZIPs))
		}
		if _, err := readZIPCache(cache+".zips", zipsSum(fsys["data/zips.csv"].Data)); err != nil {
			t.Fatalf("%s: the cache does not hold the table: %v", step, err)
		}
	}
	check("first build")
	check("second build")
	zips := fsys["data/zips.csv"].Data
	fsys["data/zips.csv"] = &fstest.MapFile{Data: zips[:bytes.LastIndexByte(zips[:len(zips)-1], '\n')+1]}
	check("a row removed")
	b, _ := os.ReadFile(cache + ".zips")
	b[len(b)/2] ^= 1
	os.WriteFile(cache+".zips", b, 0o644)
	check("cache damaged")
}

// TestLeftTemporaryFilesRemoved: a temporary cache file that a killed
// build left is removed once it is old, and a recent one (another build's,
// perhaps still running) is left alone.
func TestLeftTemporaryFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "centers.cache")
	old, recent := name+".123.tmp", name+".456.tmp"
	for _, p := range []string{old, recent} {
		if err := os.WriteFile(p, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	then := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, then, then)
	if err := writeFileAtomic(name, func(w io.Writer) error { _, err := w.Write([]byte("whole")); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("an old temporary file is still there")
	}
	if _, err := os.Stat(recent); err != nil {
		t.Error("a recent temporary file was removed")
	}
	if b, _ := os.ReadFile(name); string(b) != "whole" {
		t.Errorf("the file holds %q", b)
	}
}

// TestExampleDataReused: the repository's own data is taken whole from the
// cache the second time, every center of it.
func TestExampleDataReused(t *testing.T) {
	fsys := repoSite(t)
	csv := fsys["data/centers.csv"].Data
	cache := filepath.Join(t.TempDir(), "centers.cache")
	if _, err := loadWith(t, fsys, csv, cache); err != nil {
		t.Fatal(err)
	}
	s, err := loadWith(t, fsys, csv, cache)
	if err != nil {
		t.Fatal(err)
	}
	if n := reused(s); n != len(s.Centers) {
		t.Errorf("%d of %d centers from the cache", n, len(s.Centers))
	}
}

// TestReadCacheFile: a cache file is read into its body only when its
// magic, its id and its CRC-32C hold.
func TestReadCacheFile(t *testing.T) {
	dir := t.TempDir()
	good := func() []byte {
		b := append([]byte(cacheMagic), "id-1"...)
		b = append(b, strings.Repeat("body ", 20000)...) // past one read of io.Copy
		return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
	}
	cases := []struct {
		name    string
		file    func() []byte
		wantErr string
	}{
		{"good", good, ""},
		{"other id", func() []byte { b := good(); b[len(cacheMagic)] = 'x'; return b }, "another generator"},
		{"other magic", func() []byte { b := good(); b[0] = 'x'; return b }, "another generator"},
		{"a byte changed", func() []byte { b := good(); b[len(b)/2] ^= 1; return b }, "damaged"},
		{"cut short", func() []byte { return good()[:len(cacheMagic)+3] }, "another generator"},
		{"empty", func() []byte { return nil }, "another generator"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			name := filepath.Join(dir, "cache")
			if err := os.WriteFile(name, tc.file(), 0o600); err != nil {
				t.Fatal(err)
			}
			body, err := readCacheFile(name, cacheMagic, []byte("id-1"))
			if tc.wantErr == "" {
				if err != nil || body != strings.Repeat("body ", 20000) {
					t.Fatalf("body of %d bytes, err %v", len(body), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("err = %v, want one saying %q", err, tc.wantErr)
			}
		})
	}
}

// TestIndexRowsFollowDateAndZIPs: a center's search index row, kept in the
// cache, is made again when what it depends on besides its record
// changes: the build date, which makes centers stale, and the ZIP
// centroid of a center placed at one.
func TestIndexRowsFollowDateAndZIPs(t *testing.T) {
	fsys := oneLineFS(t, 600)
	csv := fsys["data/centers.csv"].Data
	rows := strings.SplitAfter(string(csv), "\n")
	i := plainRow(rows, 300)
	f := strings.Split(strings.TrimSuffix(rows[i], "\n"), ",")
	f[6], f[7] = "", "" // no lat/lon: placed at its ZIP code's centroid
	rows[i] = strings.Join(f, ",") + "\n"
	csv = []byte(strings.Join(rows, ""))
	zip := f[5]
	cache := filepath.Join(t.TempDir(), "centers.cache")
	steps := []struct {
		name string
		edit func()
	}{
		{"first build", func() {}},
		{"two years later", func() {}}, // the date moves below
		{"the centroid moved", func() {
			zips := string(fsys["data/zips.csv"].Data)
			line := zips[strings.Index(zips, "\n"+zip+",")+1:]
			line = line[:strings.IndexByte(line, '\n')+1]
			fsys["data/zips.csv"] = &fstest.MapFile{Data: []byte(strings.Replace(zips, line, zip+",40.5,-75.5\n", 1))}
		}},
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for step, tc := range steps {
		tc.edit()
		if step == 1 {
			now = now.AddDate(2, 0, 0)
		}
		load := func(cacheFile string) (*Site, error) {
			cfg, err := LoadConfig(fsys, ".")
			if err != nil {
				t.Fatal(err)
			}
			cfg.Now, cfg.CacheFile = now, cacheFile
			fsys["data/centers.csv"] = &fstest.MapFile{Data: csv}
			s, err := Load(fsys, cfg)
			if err == nil {
				s.cache.wait()
			}
			return s, err
		}
		cached, cerr := load(cache)
		want, werr := load("")
		if cerr != nil {
			t.Fatal(cerr)
		}
		if got, want := summary(cached, cerr), summary(want, werr); got != want {
			t.Fatalf("%s, through the cache:\n%s\nwant:\n%s", tc.name, firstDiff(got, want), firstDiff(want, got))
		}
		if step > 0 && reused(cached) < 590 {
			t.Fatalf("%s: %d centers from the cache", tc.name, reused(cached))
		}
	}
}

// TestCachedRowsCheckedAgainstTheDay builds through the cache, then again
// with an earlier day as today (-now): a kept row whose verified date is
// now in the future is an error, as in a full read, not a reused row.
func TestCachedRowsCheckedAgainstTheDay(t *testing.T) {
	fsys := syntheticFS(t, 300)
	cache := filepath.Join(t.TempDir(), "centers.cache")
	load := func(now time.Time, cacheFile string) (*Site, error) {
		cfg, err := LoadConfig(fsys, ".")
		if err != nil {
			t.Fatal(err)
		}
		cfg.Now, cfg.CacheFile = now, cacheFile
		s, err := Load(fsys, cfg)
		if err == nil {
			s.cache.wait()
		}
		return s, err
	}
	first, err := load(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), cache)
	if err != nil {
		t.Fatal(err)
	}
	last := ""
	for _, c := range first.Centers {
		last = max(last, c.Verified)
	}
	day, err := time.Parse(time.DateOnly, last)
	if err != nil {
		t.Fatalf("no verified date in the data: %q", last)
	}
	earlier := day.AddDate(0, 0, -5)
	cached, cerr := load(earlier, cache)
	want, werr := load(earlier, "")
	if werr == nil || !strings.Contains(werr.Error(), "verified "+last+" is outside") {
		t.Fatalf("full read on %s: %v", earlier.Format(time.DateOnly), werr)
	}
	if got, want := summary(cached, cerr), summary(want, werr); got != want {
		t.Fatalf("through the cache:\n%s\nwant:\n%s", firstDiff(got, want), firstDiff(want, got))
	}
}
