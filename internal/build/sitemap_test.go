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
