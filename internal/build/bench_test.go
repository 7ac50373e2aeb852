package build

import (
	"bytes"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"treatmentdir/internal/synth"
)

// syntheticFS is the repository's site with n synthetic centers.
func syntheticFS(b testing.TB, n int) fstest.MapFS {
	b.Helper()
	zipData, err := os.ReadFile("../../data/zips.csv")
	if err != nil {
		b.Fatal(err)
	}
	zips, err := synth.ReadZIPs(bytes.NewReader(zipData))
	if err != nil {
		b.Fatal(err)
	}
	var csv bytes.Buffer
	if err := synth.Write(&csv, synth.Options{N: n, Seed: 1, ZIPs: zips}); err != nil {
		b.Fatal(err)
	}
	fsys := repoSite(b)
	fsys["data/centers.csv"] = &fstest.MapFile{Data: csv.Bytes()}
	fsys["data/zips.csv"] = &fstest.MapFile{Data: zipData}
	return fsys
}

// BenchmarkLoad20k reads and validates 20,000 centers.
func BenchmarkLoad20k(b *testing.B) {
	fsys := syntheticFS(b, 20000)
	cfg, _ := LoadConfig(fsys, ".")
	cfg.ResolveBaseURL("", "")
	for b.Loop() {
		if _, err := Load(fsys, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender20k renders the pages of 20,000 centers, output discarded.
func BenchmarkRender20k(b *testing.B) {
	fsys := syntheticFS(b, 20000)
	cfg, _ := LoadConfig(fsys, ".")
	cfg.ResolveBaseURL("", "")
	s, err := Load(fsys, cfg)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Render(fsys, s, Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// newTestRenderer is a renderer of s ready to draw pages: assets read,
// layouts parsed, search index made.
func newTestRenderer(tb testing.TB, fsys fs.FS, s *Site) *renderer {
	tb.Helper()
	r := newRenderer(s)
	r.root = "."
	var err error
	if r.assets, err = readAssets(fsys); err != nil {
		tb.Fatal(err)
	}
	if err := r.parseLayouts(fsys); err != nil {
		tb.Fatal(err)
	}
	if r.search, err = newSearchIndex(s); err != nil {
		tb.Fatal(err)
	}
	return r
}

// BenchmarkCenterPage renders one center page of the example site.
func BenchmarkCenterPage(b *testing.B) {
	fsys := repoSite(b)
	cfg, _ := LoadConfig(fsys, ".")
	cfg.ResolveBaseURL("", "")
	s, err := Load(fsys, cfg)
	if err != nil {
		b.Fatal(err)
	}
	r := newTestRenderer(b, fsys, s)
	t, _ := r.layout("centers/page.html")
	var buf bytes.Buffer
	v := centerView(s, s.Centers[0])
	for b.Loop() {
		buf.Reset()
		if err := r.execute(t, &buf, v); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/page")
}

// tmpfsSite is n synthetic centers, their settings, and a folder on tmpfs
// for the output, removed when the benchmark ends.
func tmpfsSite(b *testing.B, n int) (fstest.MapFS, Config, string) {
	fsys := syntheticFS(b, n)
	dir, err := os.MkdirTemp("/dev/shm", "rebuild-")
	if err != nil {
		b.Skip("no /dev/shm")
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	cfg, _ := LoadConfig(fsys, ".")
	cfg.ResolveBaseURL("", "")
	return fsys, cfg, dir
}

// BenchmarkRebuild20k publishes 20,000 centers to tmpfs, then measures a
// build of the same input over it: every page is fresh.
func BenchmarkRebuild20k(b *testing.B) {
	fsys, cfg, dir := tmpfsSite(b, 20000)
	publishOnce := func() {
		if _, _, err := Publish(fsys, cfg, dir); err != nil {
			b.Fatal(err)
		}
	}
	publishOnce()
	b.ResetTimer()
	for b.Loop() {
		publishOnce()
	}
}

// BenchmarkRebuildOneRow20k publishes 20,000 centers to tmpfs with a
// rebuild cache, then measures builds that each follow a change to one
// row: the middle center's name, changed and changed back in turn.
func BenchmarkRebuildOneRow20k(b *testing.B) {
	fsys, cfg, dir := tmpfsSite(b, 20000)
	cfg.CacheFile = dir + "/centers.cache"
	out := dir + "/public"
	data := fsys["data/centers.csv"].Data
	rows := bytes.SplitAfter(data, []byte("\n"))
	mid := len(rows) / 2
	id, rest, _ := bytes.Cut(rows[mid], []byte(","))
	changed := bytes.Join(rows[:mid], nil)
	changed = append(append(append(changed, id...), ",Renamed "...), rest...)
	changed = append(changed, bytes.Join(rows[mid+1:], nil)...)
	versions := [][]byte{changed, data}
	publish := func(csv []byte) {
		fsys["data/centers.csv"] = &fstest.MapFile{Data: csv}
		if _, _, err := Publish(fsys, cfg, out); err != nil {
			b.Fatal(err)
		}
	}
	publish(data)
	i := 0
	for b.Loop() {
		publish(versions[i%2])
		i++
	}
}
