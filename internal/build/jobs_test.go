package build

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"testing"
)

// numberedPages is a pageSet whose page i is set<id>/p<i>/index.html and
// says its set and place.
type numberedPages struct{ id int }

func (p numberedPages) name(i int) string { return fmt.Sprintf("set%d/p%d/index.html", p.id, i) }
func (numberedPages) key(int) Key         { return Key{} }
func (p numberedPages) render(i int, b *bytes.Buffer) error {
	fmt.Fprintf(b, "set %d page %d", p.id, i)
	return nil
}

// TestRunJobsDrawsEveryPageOfARun runs jobs of one file beside jobs that
// each stand for a run of a set's pages: every page is drawn once, with
// its own place, and the sitemap counts the runs' pages.
func TestRunJobsDrawsEveryPageOfARun(t *testing.T) {
	named := func(name string) job {
		return job{name: name, render: func(b *bytes.Buffer) error { b.WriteString(name); return nil }}
	}
	jobs := []job{
		named("a/index.html"),
		{set: numberedPages{1}, n: 1000},
		named("b/index.html"),
		{set: numberedPages{2}, i: 5, n: 3},
		{set: numberedPages{2}, i: 9}, // a page of a set on its own
		named("c.txt"),
	}
	want := map[string]string{"a/index.html": "a/index.html", "b/index.html": "b/index.html", "c.txt": "c.txt",
		"set2/p5/index.html": "set 2 page 5", "set2/p6/index.html": "set 2 page 6", "set2/p7/index.html": "set 2 page 7",
		"set2/p9/index.html": "set 2 page 9"}
	for i := range 1000 {
		want[fmt.Sprintf("set1/p%d/index.html", i)] = fmt.Sprintf("set 1 page %d", i)
	}
	if _, total := sitemapRuns(jobs); total != 1006 {
		t.Errorf("the sitemap lists %d pages, want 1,006 (every page but c.txt)", total)
	}
	out := newMemOutput()
	if err := runJobs(jobs, out); err != nil {
		t.Fatal(err)
	}
	for name, text := range want {
		if got, ok := out.files[name]; !ok || string(got) != text {
			t.Errorf("%s = %q (made: %v), want %q", name, got, ok, text)
		}
	}
	if len(out.files) != len(want) {
		extra := slices.DeleteFunc(slices.Sorted(maps.Keys(out.files)), func(n string) bool { _, ok := want[n]; return ok })
		t.Errorf("%d files made, want %d; not wanted: %v", len(out.files), len(want), extra)
	}
	if jobs[0].render != nil || jobs[1].set == nil {
		t.Error("a job of one file is kept once run, or a run of a set is dropped")
	}
}
