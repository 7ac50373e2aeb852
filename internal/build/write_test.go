package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

// counting is a KeyedOutput that counts the files a build did not render.
// Fresh is called from every rendering goroutine at once.
type counting struct {
	*DirWriter
	fresh atomic.Int64
}

func (c *counting) Fresh(name string, key Key) bool {
	ok := c.DirWriter.Fresh(name, key)
	if ok {
		c.fresh.Add(1)
	}
	return ok
}

// publishCounting is publish, also counting the pages not rendered.
func publishCounting(t *testing.T, fsys fs.FS, dir string) (WriteStats, int) {
	t.Helper()
	cfg, err := LoadConfig(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	cfg.ResolveBaseURL("", "")
	w, err := NewDirWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := &counting{DirWriter: w}
	if _, err := Build(fsys, cfg, out); err != nil {
		w.Abort()
		t.Fatal(err)
	}
	stats, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return stats, int(out.fresh.Load())
}

// ageFiles sets every file's time an hour back, so that a file written
// again, even within the same tick of the clock, shows it.
func ageFiles(t *testing.T, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chtimes(p, old, old)
		}
		return err
	})
}

// TestUnchangedFilesKeepTimes builds twice from the same input: the second
// build writes nothing, renders no center or state page nor sitemap, does
// not read the files of the search index again, and every file, the manifest included,
// keeps its bytes and modification time, as does the output folder.
func TestUnchangedFilesKeepTimes(t *testing.T) {
	dir := t.TempDir()
	site := repoSite(t)
	first, _ := publishCounting(t, site, dir)
	before := snapshot(t, dir)
	folderTime := func() time.Time {
		fi, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		return fi.ModTime()
	}
	folderBefore := folderTime()
	again, skipped := publishCounting(t, site, dir)
	if !folderTime().Equal(folderBefore) {
		t.Error("a build of the same input changed the output folder's time")
	}
	if again.Written != 0 || again.Removed != 0 || again.Unchanged != first.Written {
		t.Errorf("second build: %+v, first %+v", again, first)
	}
	res, out := mustBuild(t, site)
	index := 0 // the files of the search index, and the sitemaps, keyed by the pages they list
	for name := range out.files {
		if strings.HasPrefix(name, indexDir) || strings.HasPrefix(name, "sitemap") {
			index++
		}
	}
	// Every language has its center and state pages (issue 16).
	if want := (len(res.Site.Centers)+len(res.Site.States))*len(res.Site.Languages) + index; skipped != want {
		t.Errorf("%d files not made again, want every center and state page, index file and sitemap (%d)", skipped, want)
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Error("a build of the same input changed the output folder")
	}
}

// TestTouchedFilesComparedByBytes: a file whose time changed since the last
// build is no longer trusted to be that build's; it is rendered again,
// compared by its bytes, and left alone when they are the same.
func TestTouchedFilesComparedByBytes(t *testing.T) {
	dir := t.TempDir()
	site := repoSite(t)
	first, _ := publishCounting(t, site, dir)
	ageFiles(t, dir)
	stats, skipped := publishCounting(t, site, dir)
	if stats.Written != 0 || stats.Unchanged != first.Written || skipped != 0 {
		t.Errorf("build after touching: %+v, %d skipped", stats, skipped)
	}
	before := snapshot(t, dir)
	stats, skipped = publishCounting(t, site, dir) // now trusted again
	if stats.Written != 0 || skipped == 0 || !maps.Equal(before, snapshot(t, dir)) {
		t.Errorf("third build: %+v, %d skipped", stats, skipped)
	}
}

// TestChangedFileRepaired: a page edited or deleted by hand is put back.
func TestChangedFileRepaired(t *testing.T) {
	dir := t.TempDir()
	site := repoSite(t)
	publishCounting(t, site, dir)
	want := snapshotBytes(t, dir)
	edited := filepath.Join(dir, "centers", firstCenterID(t, site), "index.html")
	if err := os.WriteFile(edited, []byte("hand edit"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "states", "oh", "index.html")); err != nil {
		t.Fatal(err)
	}
	stats, _ := publishCounting(t, site, dir)
	if stats.Written != 2 {
		t.Errorf("wrote %d files, want the edited and the deleted one", stats.Written)
	}
	if got := snapshotBytes(t, dir); !maps.Equal(got, want) {
		t.Error("output differs from the build before the edits")
	}
}

// TestStaleFilesRemoved drops centers from the data: their pages and
// emptied folders go, files the generator did not make stay.
func TestStaleFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	site := repoSite(t)
	publishCounting(t, site, dir)
	foreign := []string{"google123.html", "centers/notes.txt"}
	for _, f := range foreign {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rows := strings.SplitAfter(string(site["data/centers.csv"].Data), "\n")
	gone := []string{strings.SplitN(rows[1], ",", 2)[0], strings.SplitN(rows[2], ",", 2)[0]}
	kept := append([]string{rows[0]}, rows[3:]...)
	before := snapshotBytes(t, dir)
	stats, _ := publishCounting(t, withFiles(site, "-- data/centers.csv --\n"+strings.Join(kept, "")), dir)
	after := snapshotBytes(t, dir)
	pages, removed := 0, 0
	for name := range before {
		if _, ok := after[name]; ok {
			continue
		}
		removed++
		switch {
		case strings.HasPrefix(name, "search/"): // index files are named by their content
		case strings.HasPrefix(strings.TrimPrefix(name, "es/"), "centers/"+gone[0]+"/"), strings.HasPrefix(strings.TrimPrefix(name, "es/"), "centers/"+gone[1]+"/"):
			pages++ // in each language (issue 16)
		default:
			t.Errorf("removed %s", name)
		}
	}
	if pages != 4 || stats.Removed != removed {
		t.Errorf("removed %d files (%d pages), want the 2 pages of %v in both languages", stats.Removed, pages, gone)
	}
	for _, id := range gone {
		if _, err := os.Stat(filepath.Join(dir, "centers", id)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("folder of removed center %s is still there", id)
		}
	}
	for _, f := range foreign {
		if b, err := os.ReadFile(filepath.Join(dir, f)); err != nil || string(b) != "mine" {
			t.Errorf("%s, which the generator did not make, was touched", f)
		}
	}
	clean := t.TempDir()
	publishCounting(t, withFiles(site, "-- data/centers.csv --\n"+strings.Join(kept, "")), clean)
	got, want := snapshotBytes(t, dir), snapshotBytes(t, clean)
	for _, f := range foreign {
		delete(got, f)
	}
	if !maps.Equal(got, want) {
		t.Error("output differs from a clean build of the same input")
	}
}

// TestSameInputSameFolder builds into two folders: the same files with the
// same bytes, and manifests that list the same files from the same keys.
func TestSameInputSameFolder(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	publishCounting(t, repoSite(t), a)
	publishCounting(t, repoSite(t), b)
	sa, sb := snapshotBytes(t, a), snapshotBytes(t, b)
	if !maps.Equal(sa, sb) {
		t.Fatal("two builds of the same input differ")
	}
	ma, mb := readManifest(t, a), readManifest(t, b)
	if !slices.Equal(slices.Sorted(maps.Keys(ma)), slices.Sorted(maps.Keys(mb))) {
		t.Fatal("manifests list different files")
	}
	for name, e := range ma {
		if e.key != mb[name].key {
			t.Errorf("%s: keys differ between two builds of the same input", name)
		}
	}
}

// TestLayoutErrorLeavesOutput: a layout that fails on some pages while they
// render leaves the folder byte for byte, and time for time, as it was.
func TestLayoutErrorLeavesOutput(t *testing.T) {
	dir := t.TempDir()
	site := repoSite(t)
	publishCounting(t, site, dir)
	before := snapshot(t, dir)
	page := string(site["layouts/centers/page.html"].Data)
	bad := strings.Replace(page, "<h1>{{ $c.Name }}</h1>", `<h1>{{ $c.Name }}{{ if eq $c.State "OH" }}{{ index $c.Levels 9 }}{{ end }}</h1>`, 1)
	if bad == page {
		t.Fatal("layout fixture no longer matches layouts/centers/page.html")
	}
	// The helplines change too, so that every page is staged anew.
	fsys := withFiles(site, "-- layouts/centers/page.html --\n"+bad+
		"-- layouts/_partials/helplines.html --\n"+string(site["layouts/_partials/helplines.html"].Data)+"<!-- changed -->\n")
	cfg, _ := LoadConfig(fsys, ".")
	cfg.ResolveBaseURL("", "")
	w, err := NewDirWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(fsys, cfg, w)
	if err == nil || !strings.Contains(err.Error(), "layouts/centers/page.html") {
		t.Fatalf("build with a failing layout: %v", err)
	}
	if len(w.staged) == 0 {
		t.Fatal("the failing build staged nothing: the test tests nothing")
	}
	w.Abort()
	if !maps.Equal(before, snapshot(t, dir)) {
		t.Fatal("a failed build changed the output folder")
	}
}

// TestInterruptedCommitRepaired stops a commit half way through its moves,
// as a kill would, and checks that the folder holds only complete files of
// one build or the other, and that the next build leaves exactly what a
// clean build gives.
func TestInterruptedCommitRepaired(t *testing.T) {
	dir := t.TempDir()
	oldSite := repoSite(t)
	publishCounting(t, oldSite, dir)
	oldFiles := snapshotBytes(t, dir)
	rows := strings.SplitAfter(string(oldSite["data/centers.csv"].Data), "\n")
	newSite := withFiles(oldSite, "-- data/centers.csv --\n"+strings.Join(append(rows[:1], rows[5:]...), "")+
		"-- layouts/_partials/helplines.html --\n"+string(oldSite["layouts/_partials/helplines.html"].Data)+"<!-- changed -->\n")
	clean := t.TempDir()
	publishCounting(t, newSite, clean)
	newFiles := snapshotBytes(t, clean)

	w := commitHalf(t, newSite, dir)
	for name, sum := range snapshotBytes(t, dir) {
		if name != manifestFile && !strings.HasPrefix(name, stagingDir+"/") && sum != oldFiles[name] && sum != newFiles[name] {
			t.Errorf("%s is neither the old file nor the new one", name)
		}
	}
	if len(w.staged) < 100 {
		t.Fatalf("only %d files staged: the interruption tests little", len(w.staged))
	}
	publishCounting(t, newSite, dir)
	if got := snapshotBytes(t, dir); !maps.Equal(got, newFiles) {
		for name := range got {
			if got[name] != newFiles[name] {
				t.Errorf("%s differs from a clean build", name)
			}
		}
		for name := range newFiles {
			if _, ok := got[name]; !ok {
				t.Errorf("%s is missing", name)
			}
		}
	}
}

// errStopped stops a commit in a test, as a kill would.
var errStopped = errors.New("stopped by the test")

// commitHalf builds fsys into dir and commits, stopping Commit itself
// after half of its moves.
func commitHalf(t *testing.T, fsys fs.FS, dir string) *DirWriter {
	t.Helper()
	cfg, _ := LoadConfig(fsys, ".")
	cfg.ResolveBaseURL("", "")
	w, err := NewDirWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(fsys, cfg, w); err != nil {
		t.Fatal(err)
	}
	left := len(w.staged) / 2
	w.moved = func() error {
		if left--; left == 0 {
			return errStopped
		}
		return nil
	}
	if _, err := w.Commit(); !errors.Is(err, errStopped) {
		t.Fatalf("commit stopped half way: %v", err)
	}
	return w
}

// TestFirstManifestFormat: a folder published with a manifest that only
// names the files is still cleaned of stale files.
func TestFirstManifestFormat(t *testing.T) {
	dir := t.TempDir()
	publishCounting(t, repoSite(t), dir)
	if err := os.WriteFile(filepath.Join(dir, "old.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	names := strings.Join(slices.Sorted(maps.Keys(readManifest(t, dir))), "\n")
	if err := os.WriteFile(filepath.Join(dir, manifestFile), []byte(names+"\nold.html\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stats, _ := publishCounting(t, repoSite(t), dir)
	if stats.Removed != 1 || stats.Written != 0 {
		t.Errorf("%+v, want old.html removed and nothing written", stats)
	}
	if _, err := os.Stat(filepath.Join(dir, "old.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("old.html is still there")
	}
}

// TestNewOutputFolderRemovedOnFailure: a failed first build leaves no
// empty output folder behind.
func TestNewOutputFolderRemovedOnFailure(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	w, err := NewDirWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	w.Abort()
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("output folder left behind: %v", err)
	}
}

// snapshotBytes maps every file under dir, but the manifest, whose times
// and inodes differ from folder to folder, to a hash of its bytes.
func snapshotBytes(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := snapshot(t, dir)
	delete(m, manifestFile)
	for name, v := range m {
		m[name], _, _ = strings.Cut(v, " ")
	}
	return m
}

func readManifest(t *testing.T, dir string) map[string]entry {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		t.Fatal(err)
	}
	last := parseManifest(b)
	m := map[string]entry{}
	for i, name := range last.names {
		m[name] = last.entries[i]
	}
	return m
}

func firstCenterID(t *testing.T, site fstest.MapFS) string {
	t.Helper()
	rows := bytes.SplitN(site["data/centers.csv"].Data, []byte("\n"), 3)
	id, _, _ := bytes.Cut(rows[1], []byte(","))
	return string(id)
}

// TestManifestRoundTrip: a manifest large enough to be sorted and written
// in parts reads back as the entries it was made from, sorted by name.
func TestManifestRoundTrip(t *testing.T) {
	entries := map[string]entry{}
	for i := range 10000 {
		name := fmt.Sprintf("centers/c%05d/index.html", (i*7919)%10000)
		if i%1000 == 0 {
			name = fmt.Sprintf("odd\tname %d\"", i)
		}
		e := entry{size: int64(i), mtime: int64(i) * 1e9, ino: uint64(i + 1)}
		if i%3 == 0 {
			e.key = Key{byte(i), byte(i >> 8), 1}
		}
		entries[name] = e
	}
	b := formatManifest(sortedLines(entries))
	last := parseManifest(b)
	got := map[string]entry{}
	for i, name := range last.names {
		got[name] = last.entries[i]
	}
	if !maps.Equal(got, entries) {
		t.Fatalf("read back %d entries, wrote %d, or some differ", len(got), len(entries))
	}
	// The next build's manifest, made in the order of this one, is the
	// one made from nothing.
	next := maps.Clone(entries)
	for i := range 50 {
		delete(next, fmt.Sprintf("centers/c%05d/index.html", i*97))
		next[fmt.Sprintf("centers/b%05d/index.html", i*89)] = entry{size: 1}
	}
	w := &DirWriter{last: last, parsed: make(chan struct{}), taken: make([]bool, len(last.names)),
		made: make([]entry, len(last.names)), madeNew: map[string]entry{}}
	close(w.parsed)
	for name, e := range next {
		if i, ok := last.index[name]; ok {
			w.taken[i], w.made[i] = true, e
		} else {
			w.madeNew[name] = e
		}
	}
	if a, b := formatManifest(w.lines()), formatManifest(sortedLines(next)); !bytes.Equal(a, b) {
		t.Error("a manifest made in the order of the last one differs")
	}
	var names []string
	for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")[1:] {
		name := line[strings.LastIndexByte(line, '\t')+1:]
		if unquoted, err := strconv.Unquote(name); err == nil {
			name = unquoted
		}
		names = append(names, name)
	}
	if !slices.IsSorted(names) {
		t.Error("the lines are not sorted by name")
	}
}

// TestDuplicateManifestLine: a manifest that names a file twice (edited by
// hand, say) neither loses the file nor keeps a stale one.
func TestDuplicateManifestLine(t *testing.T) {
	site, _, dir := publishedRepoSite(t)
	want := snapshotBytes(t, dir)
	manifest := filepath.Join(dir, manifestFile)
	b, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	first := strings.SplitAfter(string(b), "\n")[1]
	if err := os.WriteFile(manifest, append(b, first...), 0o644); err != nil { // the first file again, at the end
		t.Fatal(err)
	}
	publishCounting(t, site, dir)
	got := snapshotBytes(t, dir)
	delete(got, manifestFile)
	delete(want, manifestFile)
	if !maps.Equal(got, want) {
		t.Errorf("%d files after the build, want %d, or some differ", len(got), len(want))
	}
}

// TestStagedFolders: a file deep in folders that do not exist yet is
// staged and published, with the entry the manifest keeps for it; a file
// whose folder would be another file fails, naming the staged path, and
// leaves the output as it was.
func TestStagedFolders(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	w, err := NewDirWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a/b/c/page.html", "a/b/other.html", "top.txt"} {
		if err := w.Put(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	got := readManifest(t, dir)
	for _, name := range []string{"a/b/c/page.html", "a/b/other.html", "top.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if b, err := os.ReadFile(p); err != nil || string(b) != name {
			t.Errorf("%s: %q, %v", name, b, err)
		}
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		if want := statEntry(fi, Key{}); got[name] != want {
			t.Errorf("%s: manifest has %+v, the file stands as %+v", name, got[name], want)
		}
	}

	before := snapshot(t, dir)
	w, err = NewDirWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put("x/page.html", []byte("a file")); err != nil {
		t.Fatal(err)
	}
	err = w.Put("x/page.html/inner.html", []byte("under a file"))
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, stagingDir, "x", "page.html", "inner.html")) {
		t.Errorf("error %v, want one naming the staged file", err)
	}
	w.Abort()
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("output changed by a failed build:\n%v\n%v", before, after)
	}
}

// lines is the manifest of this build, sorted by name, as Commit makes
// it last.
func (w *DirWriter) lines() []manifestLine { return w.withoutStale(w.unionLines()) }
