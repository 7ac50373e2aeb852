package sitetest

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// gzipSize is how many bytes a file takes on the wire with gzip, as hosts
// send it (level 6, the usual default).
func gzipSize(t *testing.T, data []byte) int {
	t.Helper()
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, 6)
	w.Write(data)
	w.Close()
	return b.Len()
}

var assetRE = regexp.MustCompile(`<(?:link rel="stylesheet"|script type="module"|link rel="icon")[^>]* (?:href|src)="/([^"]+)"`)

// TestWeightBudgets holds the home page, with the CSS and JS it loads, to
// 30 KB gzipped, and a center page's HTML to 15 KB gzipped.
func TestWeightBudgets(t *testing.T) {
	dir := exampleSite(t)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	home := read("index.html")
	total := gzipSize(t, home)
	var parts []string
	for _, m := range assetRE.FindAllSubmatch(home, -1) {
		name := string(m[1])
		parts = append(parts, name)
		total += gzipSize(t, read(name))
	}
	if len(parts) < 2 {
		t.Fatalf("home page loads only %v: expected its CSS and JS", parts)
	}
	t.Logf("home page with %s: %d bytes gzipped", strings.Join(parts, ", "), total)
	if total > 30*1024 {
		t.Errorf("home page with its CSS and JS is %d bytes gzipped, over the 30 KB budget", total)
	}

	centers, _ := os.ReadDir(filepath.Join(dir, "centers"))
	if len(centers) < 400 {
		t.Fatalf("%d center pages, want the example site's 400", len(centers))
	}
	largest, name := 0, ""
	for _, c := range centers {
		if n := gzipSize(t, read("centers/"+c.Name()+"/index.html")); n > largest {
			largest, name = n, c.Name()
		}
	}
	t.Logf("largest center page %s: %d bytes gzipped", name, largest)
	if largest > 15*1024 {
		t.Errorf("center page %s is %d bytes gzipped, over the 15 KB budget", name, largest)
	}
}

var (
	titleRE     = regexp.MustCompile(`<title>([^<]+)</title>`)
	descRE      = regexp.MustCompile(`<meta name="description" content="([^"]+)">`)
	canonicalRE = regexp.MustCompile(`<link rel="canonical" href="([^"]+)">`)
)

// TestSearchEngineBasics checks every page for a title, a description and
// a canonical URL under the base URL that names the page itself.
func TestSearchEngineBasics(t *testing.T) {
	dir := exampleSite(t)
	titles := map[string]string{}
	pages := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		title := titleRE.FindSubmatch(b)
		if title == nil || descRE.Find(b) == nil {
			t.Errorf("%s lacks a title or a description", rel)
			return nil
		}
		if other, dup := titles[string(title[1])]; dup {
			t.Errorf("%s and %s share the title %q", rel, other, title[1])
		}
		titles[string(title[1])] = rel
		pages++
		if rel == "404.html" {
			return nil
		}
		want := "https://directory.example.org/" + strings.TrimSuffix(rel, "index.html")
		if c := canonicalRE.FindSubmatch(b); c == nil || string(c[1]) != want {
			t.Errorf("%s: canonical %q, want %q", rel, c, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 419 {
		t.Errorf("%d pages checked, want every page of the example site (419)", pages)
	}
}
