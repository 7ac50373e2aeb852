package build

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// publishDir is Publish with test settings (the base URL at the root).
func publishDir(t *testing.T, fsys fs.FS, dir string) (WriteStats, error) {
	t.Helper()
	cfg, err := LoadConfig(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	cfg.ResolveBaseURL("", "")
	_, stats, err := Publish(fsys, cfg, dir)
	return stats, err
}

// rewrittenSite is site with fewer centers and every page changed, so that
// publishing it over site stages every page, adds none and removes some.
func rewrittenSite(site fstest.MapFS) fstest.MapFS {
	rows := strings.SplitAfter(string(site["data/centers.csv"].Data), "\n")
	return withFiles(site, "-- data/centers.csv --\n"+strings.Join(append(rows[:1], rows[40:]...), "")+
		"-- layouts/_partials/helplines.html --\n"+string(site["layouts/_partials/helplines.html"].Data)+"<!-- changed -->\n")
}

// onlySite fails the test if dir holds anything but the site: the staging
// folder must be gone.
func onlySite(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Lstat(filepath.Join(dir, stagingDir)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s left behind (%v)", stagingDir, err)
	}
}

// danglingLinks lists the internal links of the HTML files under dir that
// name no file there.
func danglingLinks(t *testing.T, dir string) []string {
	t.Helper()
	linkRE := regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	var bad []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && d.Name() == stagingDir {
			return cmpSkip(err, d)
		}
		if !strings.HasSuffix(p, ".html") {
			return nil
		}
		b, err := os.ReadFile(p)
		for _, m := range linkRE.FindAllSubmatch(b, -1) {
			target, internal := internalTarget(htmlUnescape(string(m[1])))
			if _, serr := os.Stat(filepath.Join(dir, filepath.FromSlash(target))); internal && serr != nil {
				bad = append(bad, p+" -> "+target)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return bad
}

func cmpSkip(err error, d fs.DirEntry) error {
	if err != nil {
		return err
	}
	return filepath.SkipDir
}

// TestRenderFailureWithFilesStaged: a build that fails while it renders,
// after it has staged pages, leaves the folder as it was and no staging
// behind. The first half shows that the failing build does stage files;
// the second goes through Publish, which must clean up after itself.
func TestRenderFailureWithFilesStaged(t *testing.T) {
	dir := t.TempDir()
	site := repoSite(t)
	if _, err := publishDir(t, site, dir); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	page := string(site["layouts/centers/page.html"].Data)
	bad := withFiles(rewrittenSite(site), "-- layouts/centers/page.html --\n"+
		strings.Replace(page, "<h1>{{ $c.Name }}</h1>", `<h1>{{ $c.Name }}{{ if eq $c.State "OH" }}{{ index $c.Levels 9 }}{{ end }}</h1>`, 1))

	cfg, _ := LoadConfig(bad, ".")
	cfg.ResolveBaseURL("", "")
	w, err := NewDirWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(bad, cfg, w); err == nil {
		t.Fatal("the failing layout did not fail")
	}
	if len(w.staged) < 10 {
		t.Fatalf("%d files staged before the failure: the test tests little", len(w.staged))
	}
	w.Abort()

	if _, err := publishDir(t, bad, dir); err == nil || !strings.Contains(err.Error(), "layouts/centers/page.html") {
		t.Fatalf("publishing with a failing layout: %v", err)
	}
	onlySite(t, dir)
	if !maps.Equal(before, snapshot(t, dir)) {
		t.Error("a failed build changed the output folder")
	}
}

// TestCommitFailureWithFilesStaged: a commit that fails half way (a file
// someone put where the new build needs a folder) leaves every page whole,
// every link resolving and no staging; the next build finishes the job.
func TestCommitFailureWithFilesStaged(t *testing.T) {
	dir := t.TempDir()
	site := repoSite(t)
	if _, err := publishDir(t, site, dir); err != nil {
		t.Fatal(err)
	}
	next := withFiles(rewrittenSite(site), "-- content/zz-new.md --\n+++\ntitle = \"New\"\n+++\nNew page.\n")
	blocker := filepath.Join(dir, "zz-new")
	if err := os.WriteFile(blocker, []byte("not the generator's"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := publishDir(t, next, dir)
	if err == nil || !strings.Contains(err.Error(), "in the way") {
		t.Fatalf("commit with a file in the way: %v", err)
	}
	onlySite(t, dir)
	if bad := danglingLinks(t, dir); len(bad) > 0 {
		t.Errorf("%d dangling links after a failed commit, e.g. %s", len(bad), bad[0])
	}
	os.Remove(blocker)
	if _, err := publishDir(t, next, dir); err != nil {
		t.Fatal(err)
	}
	clean := t.TempDir()
	publishDir(t, next, clean)
	if !maps.Equal(snapshotBytes(t, dir), snapshotBytes(t, clean)) {
		t.Error("the build after the failed commit differs from a clean build")
	}
}

// TestStoppedCommitLinksResolve stops a commit after each tenth of its
// moves, as a kill would: every link of the folder resolves each time.
func TestStoppedCommitLinksResolve(t *testing.T) {
	site := repoSite(t)
	next := rewrittenSite(site)
	for _, tenth := range []int{1, 5, 9} {
		dir := t.TempDir()
		if _, err := publishDir(t, site, dir); err != nil {
			t.Fatal(err)
		}
		cfg, _ := LoadConfig(next, ".")
		cfg.ResolveBaseURL("", "")
		w, err := NewDirWriter(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Build(next, cfg, w); err != nil {
			t.Fatal(err)
		}
		left := len(w.staged) * tenth / 10
		w.moved = func() error {
			if left--; left == 0 {
				return errStopped
			}
			return nil
		}
		if _, err := w.Commit(); !errors.Is(err, errStopped) {
			t.Fatalf("commit: %v", err)
		}
		if bad := danglingLinks(t, dir); len(bad) > 0 {
			t.Errorf("stopped after %d0%% of the moves: %d dangling links, e.g. %s", tenth, len(bad), bad[0])
		}
		if _, err := os.Stat(filepath.Join(dir, "centers", firstCenterID(t, site), "index.html")); err != nil {
			t.Errorf("stopped after %d0%% of the moves: a stale page went before the new ones were in", tenth)
		}
	}
}

// TestSecondBuildWaitsForLock: while one build holds the output folder, a
// second waits, then stops with a message naming the folder; once the
// first ends, the second goes ahead.
func TestSecondBuildWaitsForLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first, err := NewDirWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = newDirWriter(dir, 200*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "another build is publishing to "+dir) {
		t.Fatalf("second build while the first runs: %v", err)
	}
	if waited := time.Since(start); waited < 200*time.Millisecond {
		t.Errorf("gave up after %v, before its wait", waited)
	}
	done := make(chan error)
	go func() {
		w, err := newDirWriter(dir, 5*time.Second)
		if err == nil {
			w.Abort()
		}
		done <- err
	}()
	time.Sleep(100 * time.Millisecond)
	first.Abort() // removes the folder it made: the waiting build makes it again
	if err := <-done; err != nil {
		t.Fatalf("the second build, once the first ended: %v", err)
	}
}

// TestStaleRemovalStaysInside: a tampered manifest and a link in the
// output folder to a folder outside never make a build delete a file
// outside the output folder.
func TestStaleRemovalStaysInside(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	site := repoSite(t)
	if _, err := publishDir(t, site, dir); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(outside, "secret.txt")
	os.WriteFile(secret, []byte("keep me"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "evil")); err != nil {
		t.Fatal(err)
	}
	m, _ := os.ReadFile(filepath.Join(dir, manifestFile))
	m = append(m, "-\t7\t0\t0\tevil/secret.txt\n-\t7\t0\t0\t../outside.txt\n"...)
	os.WriteFile(filepath.Join(dir, manifestFile), m, 0o644)
	if _, err := publishDir(t, rewrittenSite(site), dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(secret); err != nil {
		t.Errorf("a file outside the output folder was removed: %v", err)
	}
}
