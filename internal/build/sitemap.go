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
// pages: a list of 50,000 URLs made beforehand held 25 MB or more.
func (r *renderer) sitemapJobs(jobs []job) []job {
	pages := make([]string, 0, len(jobs))
	for _, j := range jobs {
		if strings.HasSuffix(j.name, ".html") && j.name != "404.html" {
			pages = append(pages, j.name)
		}
	}
	// A sitemap is keyed by the names it lists (and, through the key,
	// the base URL and the generator), so that a rebuild that makes the
	// same pages does not draw megabytes of it again only to compare them.
	if len(pages) <= sitemapMax {
		return []job{{name: "sitemap.xml", key: func() Key { return r.keys.names("sitemap", pages) },
			render: func(b *bytes.Buffer) error { return r.writeURLSet(b, pages) }}}
	}
	var out []job
	var parts []string
	for i := 0; i < len(pages); i += sitemapMax {
		chunk := pages[i:min(i+sitemapMax, len(pages))]
		name := fmt.Sprintf("sitemap-%d.xml", len(parts)+1)
		parts = append(parts, r.site.Config.BaseURL+name)
		out = append(out, job{name: name, key: func() Key { return r.keys.names("sitemap", chunk) },
			render: func(b *bytes.Buffer) error { return r.writeURLSet(b, chunk) }})
	}
	out = append(out, job{name: "sitemap.xml", key: func() Key { return r.keys.names("sitemap index", parts) },
		render: func(b *bytes.Buffer) error { return writeSitemapIndex(b, parts) }})
	return out
}

// pageURL is the absolute URL of a page, named by its output file.
func (r *renderer) pageURL(name string) string {
	return r.site.Config.BaseURL + encodeURLPath(strings.TrimSuffix(name, "index.html"))
}

// writeURLSet writes a sitemap of the pages named by their output files.
func (r *renderer) writeURLSet(b *bytes.Buffer, pages []string) error {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, name := range pages {
		b.WriteString("<url><loc>")
		template.HTMLEscape(b, []byte(r.pageURL(name)))
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
