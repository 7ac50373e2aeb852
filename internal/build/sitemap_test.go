package build

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestSitemapIndex splits more than 50,000 pages over numbered sitemaps
// under a sitemap index.
func TestSitemapIndex(t *testing.T) {
	r := &renderer{site: &Site{Config: Config{BaseURL: "https://d.example.org/"}}}
	var pages []job
	for i := range sitemapMax + 2 {
		pages = append(pages, job{name: fmt.Sprintf("centers/c%d/index.html", i)})
	}
	pages = append(pages, job{name: "404.html"}, job{name: "robots.txt"})
	jobs := r.sitemapJobs(pages)
	if len(jobs) != 3 || jobs[2].name != "sitemap.xml" {
		t.Fatalf("jobs = %v", jobs)
	}
	render := func(j job) string {
		var b bytes.Buffer
		j.render(&b)
		return b.String()
	}
	if n := strings.Count(render(jobs[0]), "<loc>"); n != sitemapMax {
		t.Errorf("sitemap-1.xml has %d URLs", n)
	}
	if n := strings.Count(render(jobs[1]), "<loc>"); n != 2 {
		t.Errorf("sitemap-2.xml has %d URLs", n)
	}
	index := render(jobs[2])
	for _, want := range []string{"<sitemapindex", "<loc>https://d.example.org/sitemap-1.xml</loc>", "<loc>https://d.example.org/sitemap-2.xml</loc>"} {
		if !strings.Contains(index, want) {
			t.Errorf("sitemap index lacks %s", want)
		}
	}
	if strings.Contains(render(jobs[0])+render(jobs[1]), "404.html") {
		t.Error("the 404 page is in a sitemap")
	}
}

// fakePages is a pageSet of n pages named p<i>/index.html.
type fakePages struct{ drawn int }

func (*fakePages) name(i int) string                 { return fmt.Sprintf("p%d/index.html", i) }
func (*fakePages) key(int) Key                       { return Key{} }
func (p *fakePages) render(int, *bytes.Buffer) error { p.drawn++; return nil }

// TestSitemapSetAcrossParts lists the pages of a set, named only as the
// sitemap is written, among named pages and across the line between two
// numbered sitemaps, in the order of the jobs and each once.
func TestSitemapSetAcrossParts(t *testing.T) {
	r := &renderer{site: &Site{Config: Config{BaseURL: "https://d.example.org/"}}}
	set := &fakePages{}
	jobs := []job{{name: "index.html"}, {name: "404.html"}, {name: "assets/x.css"}}
	var want []string
	want = append(want, "https://d.example.org/")
	for i := range sitemapMax + 3 {
		jobs = append(jobs, job{set: set, i: i})
		want = append(want, fmt.Sprintf("https://d.example.org/p%d/", i))
	}
	jobs = append(jobs, job{name: "states/index.html"})
	want = append(want, "https://d.example.org/states/")
	parts := r.sitemapJobs(jobs)
	if len(parts) != 3 || parts[0].name != "sitemap-1.xml" || parts[2].name != "sitemap.xml" {
		t.Fatalf("jobs = %v", parts)
	}
	var got []string
	for _, j := range parts[:2] {
		var b bytes.Buffer
		j.render(&b)
		for _, line := range strings.Split(b.String(), "\n") {
			if u, ok := strings.CutPrefix(line, "<url><loc>"); ok {
				got = append(got, strings.TrimSuffix(u, "</loc></url>"))
			}
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d URLs in the sitemaps, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("URL %d is %s, want %s", i, got[i], want[i])
		}
	}
	if set.drawn != 0 {
		t.Error("listing the sitemap drew a page of the set")
	}
}
