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
// numbered sitemaps under a sitemap index when there are too many. The
// URLs are made when a sitemap is drawn, alongside the pages.
func (r *renderer) sitemapJobs(jobs []job) []job {
	var pages []string
	for _, j := range jobs {
		if strings.HasSuffix(j.name, ".html") && j.name != "404.html" {
			pages = append(pages, j.name)
		}
	}
	if len(pages) <= sitemapMax {
		return []job{{name: "sitemap.xml", render: func(b *bytes.Buffer) error { return writeURLSet(b, r.pageURLs(pages)) }}}
	}
	var out []job
	var parts []string
	for i := 0; i < len(pages); i += sitemapMax {
		chunk := pages[i:min(i+sitemapMax, len(pages))]
		name := fmt.Sprintf("sitemap-%d.xml", len(parts)+1)
		parts = append(parts, r.site.Config.BaseURL+name)
		out = append(out, job{name: name, render: func(b *bytes.Buffer) error { return writeURLSet(b, r.pageURLs(chunk)) }})
	}
	out = append(out, job{name: "sitemap.xml", render: func(b *bytes.Buffer) error { return writeSitemapIndex(b, parts) }})
	return out
}

// pageURLs is the absolute URL of each page, named by its output file.
func (r *renderer) pageURLs(names []string) []string {
	urls := make([]string, len(names))
	for i, name := range names {
		urls[i] = r.site.Config.BaseURL + encodeURLPath(strings.TrimSuffix(name, "index.html"))
	}
	return urls
}

func writeURLSet(b *bytes.Buffer, urls []string) error {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		b.WriteString("<url><loc>")
		template.HTMLEscape(b, []byte(u))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return nil
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
