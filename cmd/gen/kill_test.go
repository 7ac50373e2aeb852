package main

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"treatmentdir/internal/synth"
)

// TestKilledBuildRepaired builds the generator, then kills it (SIGKILL)
// while it stages files and at points of its commit, in builds of a few
// thousand centers that rewrite every page and remove hundreds. After each kill every file in the output is
// complete: byte for byte a file of the build before or of the one killed.
// A normal build then leaves exactly what a clean build into an empty
// folder gives.
func TestKilledBuildRepaired(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the generator and a few thousand pages")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the generator with")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "gen")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	a, b := killSites(t, dir)
	want := map[string]map[string]string{} // a clean build of each site
	for _, site := range []killSite{a, b} {
		out := filepath.Join(dir, "clean-"+site.name)
		runGen(t, bin, site, out)
		want[site.name] = pagesOf(t, out)
	}

	out := filepath.Join(dir, "public")
	runGen(t, bin, a, out)
	runGen(t, bin, b, out)
	for _, k := range []struct {
		when  string
		delay time.Duration
	}{
		{"staging", 0}, {"staging", 20 * time.Millisecond},
		{"commit", 0}, {"commit", 2 * time.Millisecond}, {"commit", 10 * time.Millisecond},
		{"commit", 40 * time.Millisecond}, {"commit", 150 * time.Millisecond},
	} {
		got := pagesOf(t, out)
		site := a // build over whichever the folder mostly is
		if matching(got, want[a.name]) > matching(got, want[b.name]) {
			site = b
		}
		if !killGen(t, bin, site, out, k.when, k.delay) {
			t.Errorf("the build of %s ended before the kill in %s (+%v): the kill tested nothing", site.name, k.when, k.delay)
		}
		got = pagesOf(t, out)
		checkComplete(t, got, want[a.name], want[b.name])
		t.Logf("killed building %s in %s (+%v): %d files of a, %d of b", site.name, k.when, k.delay, matching(got, want[a.name]), matching(got, want[b.name]))
	}
	for _, site := range []killSite{b, a} {
		runGen(t, bin, site, out)
		if got := pagesOf(t, out); !maps.Equal(got, want[site.name]) {
			t.Errorf("after the kills, a build of %s differs from a clean one: %s", site.name, diffTrees(got, want[site.name]))
		}
	}
}

// killSite is a site folder and the base URL it is built for.
type killSite struct {
	name, root, baseURL string
}

// killSites makes two sites: a, and b with a tenth fewer centers, built
// for another base URL, so that building one over the other rewrites every
// page and removes or adds hundreds.
func killSites(t *testing.T, dir string) (a, b killSite) {
	t.Helper()
	zips, err := os.Open("../../data/zips.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer zips.Close()
	z, err := synth.ReadZIPs(zips)
	if err != nil {
		t.Fatal(err)
	}
	var csv bytes.Buffer
	if err := synth.Write(&csv, synth.Options{N: 2500, Seed: 7, ZIPs: z}); err != nil {
		t.Fatal(err)
	}
	rows := strings.SplitAfter(csv.String(), "\n")
	a = killSite{"a", filepath.Join(dir, "site-a"), "https://a.example.org/"}
	b = killSite{"b", filepath.Join(dir, "site-b"), "https://b.example.org/dir/"}
	for _, s := range []struct {
		site killSite
		csv  string
	}{{a, csv.String()}, {b, strings.Join(rows[:len(rows)*9/10], "")}} {
		for _, sub := range []string{"content", "layouts", "static", "i18n"} {
			if err := os.CopyFS(filepath.Join(s.site.root, sub), os.DirFS(filepath.Join("../..", sub))); err != nil {
				t.Fatal(err)
			}
		}
		copyFile(t, "../../site.toml", filepath.Join(s.site.root, "site.toml"))
		copyFile(t, "../../data/zips.csv", filepath.Join(s.site.root, "data", "zips.csv"))
		if err := os.WriteFile(filepath.Join(s.site.root, "data", "centers.csv"), []byte(s.csv), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return a, b
}

func genCommand(bin string, site killSite, out string) *exec.Cmd {
	return exec.Command(bin, "-root", site.root, "-out", out, "-base-url", site.baseURL)
}

func runGen(t *testing.T, bin string, site killSite, out string) {
	t.Helper()
	if b, err := genCommand(bin, site, out).CombinedOutput(); err != nil {
		t.Fatalf("gen %s: %v\n%s", site.name, err, b)
	}
}

// killGen starts a build and kills it after delay, counted from the moment
// it is in the stage named by when: "staging" once it has staged its first
// files, "commit" once it replaces the manifest, which it does just before
// it moves its files into place. Waiting for a stage rather than for a time
// makes the kill land on a slow machine as on a fast one. It reports
// whether the kill landed: the build was still running and died of it.
func killGen(t *testing.T, bin string, site killSite, out, when string, delay time.Duration) bool {
	t.Helper()
	manifest := filepath.Join(out, ".gen-manifest")
	before, _ := os.Stat(manifest)
	reached := func() bool { return manifestReplaced(manifest, before) }
	if when == "staging" {
		reached = func() bool { return hasEntries(filepath.Join(out, ".gen-staging")) }
	}
	cmd := genCommand(bin, site, out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	for !reached() {
		select {
		case <-done:
			return false
		case <-time.After(50 * time.Microsecond):
		}
	}
	select {
	case <-done:
		return false
	case <-time.After(delay):
	}
	cmd.Process.Kill() // SIGKILL: no chance to clean up
	<-done
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// hasEntries reports whether dir exists and holds something.
func hasEntries(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	names, _ := f.Readdirnames(1)
	return len(names) > 0
}

func manifestReplaced(name string, before os.FileInfo) bool {
	fi, err := os.Stat(name)
	return err == nil && (before == nil || !os.SameFile(fi, before))
}

// pagesOf maps every file under dir to a hash of its bytes, leaving out the
// generator's own bookkeeping (the manifest, the staging folder).
func pagesOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == ".gen-staging" || rel == ".gen-manifest" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		sum := sha256.Sum256(b)
		files[rel] = string(sum[:])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 { // every check above would hold of an empty folder
		t.Fatalf("no files under %s", dir)
	}
	return files
}

// checkComplete checks that every file is one of a's or one of b's.
func checkComplete(t *testing.T, got, a, b map[string]string) {
	t.Helper()
	for name, sum := range got {
		if sum != a[name] && sum != b[name] {
			t.Errorf("after a kill, %s is neither the file of one build nor of the other", name)
		}
	}
}

// matching counts the files of got that are as in want.
func matching(got, want map[string]string) int {
	n := 0
	for name, sum := range got {
		if want[name] == sum {
			n++
		}
	}
	return n
}

func diffTrees(got, want map[string]string) string {
	var diffs []string
	for name := range got {
		if got[name] != want[name] {
			diffs = append(diffs, name)
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			diffs = append(diffs, "missing "+name)
		}
	}
	if len(diffs) > 5 {
		diffs = append(diffs[:5], "...")
	}
	return strings.Join(diffs, ", ")
}
