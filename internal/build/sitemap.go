package build

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
)

// sitemapMax is the most URLs one sitemap file may list.
const sitemapMax = 50000

// sitemapJobs lists every HTML page but 404.html in sitemap.xml, or in
// numbered sitemaps under a sitemap index when there are too many. Each
// URL is made as it is written, when a sitemap is drawn alongside the
// pages: a list of 50,000 URLs made beforehand held 25 MB or more. The
// pages of a set (the center pages) are not even named beforehand.
func (r *renderer) sitemapJobs(jobs []job) []job {
	runs, total := sitemapRuns(jobs)
	// A sitemap is keyed by the names it lists (and, through the key,
	// the base URL and the generator), so that a rebuild that makes the
	// same pages does not draw megabytes of it again only to compare them.
	urlSet := func(name string, from, to int) job {
		return job{name: name,
			key:    func() Key { return r.keys.namesOf("sitemap", func(f func(string)) { eachName(runs, from, to, f) }) },
			render: func(b *bytes.Buffer) error { return r.writeURLSet(b, runs, from, to) }}
	}
	if total <= sitemapMax {
		return []job{urlSet("sitemap.xml", 0, total)}
	}
	var out []job
	var parts []string
	for from := 0; from < total; from += sitemapMax {
		name := fmt.Sprintf("sitemap-%d.xml", len(parts)+1)
		parts = append(parts, r.site.Config.BaseURL+name)
		out = append(out, urlSet(name, from, min(from+sitemapMax, total)))
	}
	out = append(out, job{name: "sitemap.xml", key: func() Key { return r.keys.names("sitemap index", parts) },
		render: func(b *bytes.Buffer) error { return writeSitemapIndex(b, parts) }})
	return out
}

// sitemapRun is a run of the pages a sitemap lists, in the order of the
// jobs: pages named, or the pages lo to hi-1 of a set.
type sitemapRun struct {
	names  []string
	set    pageSet
	lo, hi int
}

// sitemapRuns are the pages of jobs that a sitemap lists, and how many.
func sitemapRuns(jobs []job) (runs []sitemapRun, total int) {
	for i := range jobs {
		j := &jobs[i]
		if !j.isPage() || (j.set == nil && j.name == "404.html") {
			continue
		}
		total += j.pages()
		last := len(runs) - 1
		switch {
		case j.set != nil && last >= 0 && runs[last].set == j.set && runs[last].hi == j.i:
			runs[last].hi += j.pages()
		case j.set != nil:
			runs = append(runs, sitemapRun{set: j.set, lo: j.i, hi: j.i + j.pages()})
		case last >= 0 && runs[last].set == nil:
			runs[last].names = append(runs[last].names, j.name)
		default:
			runs = append(runs, sitemapRun{names: []string{j.name}})
		}
	}
	return runs, total
}

// pageURL is the absolute URL of a page, named by its output file.
func (r *renderer) pageURL(name string) string {
	return r.site.Config.BaseURL + encodeURLPath(strings.TrimSuffix(name, "index.html"))
}

// writeURLSet writes a sitemap of the pages from to to-1 of runs.
func (r *renderer) writeURLSet(b *bytes.Buffer, runs []sitemapRun, from, to int) error {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	eachName(runs, from, to, func(name string) {
		b.WriteString("<url><loc>")
		template.HTMLEscape(b, []byte(r.pageURL(name)))
		b.WriteString("</loc></url>\n")
	})
	b.WriteString("</urlset>\n")
	return nil
}

// eachName calls f with the output file of each page from to to-1 of
// runs, in order.
func eachName(runs []sitemapRun, from, to int, f func(string)) {
	k := 0 // the place of the next page in all of runs
	for _, run := range runs {
		n := len(run.names)
		if run.set != nil {
			n = run.hi - run.lo
		}
		if k+n <= from || k >= to {
			k += n
			continue
		}
		for i := range n {
			if k >= from && k < to {
				if run.set != nil {
					f(run.set.name(run.lo + i))
				} else {
					f(run.names[i])
				}
			}
			k++
		}
	}
}

func writeSitemapIndex(b *bytes.Buffer, parts []string) error {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range parts {
		b.WriteString("<sitemap><loc>")
		template.HTMLEscape(b, []byte(u))
		b.WriteString("</loc></sitemap>\n")
	}
	b.WriteString("</sitemapindex>\n")
	return nil
}

func (r *renderer) robots(b *bytes.Buffer) error {
	fmt.Fprintf(b, "User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n", r.site.Config.BaseURL)
	return nil
}
