package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// languagesResult is the full build of the first data set's first size
// with the default language alone and with all the site's languages, the
// two taking turns run by run.
type languagesResult struct {
	langs    []string // the site's languages, the default first
	one, all *sizeRuns
	ratios   []float64 // the build with every language over the one before it with one, sorted
}

var languagesLine = regexp.MustCompile(`(?m)^languages\s*=\s*\[(.*)\]\s*$`)

// siteLanguages reads the languages line of site.toml: nil when the site
// has one language or does not say.
func siteLanguages(toml []byte) []string {
	m := languagesLine.FindSubmatch(toml)
	if m == nil {
		return nil
	}
	var langs []string
	for _, f := range strings.Split(string(m[1]), ",") {
		if f = strings.Trim(strings.TrimSpace(f), `"`); f != "" {
			langs = append(langs, f)
		}
	}
	if len(langs) < 2 {
		return nil
	}
	return langs
}

// measureLanguages builds the site of the first data set's first size,
// whose data set is in the file csv, with the site's languages and with
// its default language alone, in turns. It returns nil for a site of one
// language.
func (b *bench) measureLanguages(n int, csv string) (*languagesResult, error) {
	site := filepath.Join(b.o.out, fmt.Sprintf("site-%s-%d", b.o.sets[0], n))
	settings, err := os.ReadFile(filepath.Join(site, "site.toml"))
	if err != nil {
		return nil, err
	}
	langs := siteLanguages(settings)
	if langs == nil {
		return nil, nil
	}
	fmt.Fprintf(b.log, "bench: %d centers in one language and in %d (%s)\n", n, len(langs), strings.Join(langs, ", "))
	res := &languagesResult{langs: langs}
	res.all, err = b.languageSite(site, n, "all", csv, settings)
	if err != nil {
		return nil, err
	}
	one := languagesLine.ReplaceAll(settings, fmt.Appendf(nil, "languages = [%q]", langs[0]))
	if res.one, err = b.languageSite(site, n, "one", csv, one); err != nil {
		return nil, err
	}
	for range b.o.runs {
		for _, s := range []*sizeRuns{res.one, res.all} {
			if err := b.fullBuild(s); err != nil {
				return nil, err
			}
		}
	}
	for _, s := range []*sizeRuns{res.one, res.all} {
		s.r.full, s.r.fullWalls = median(s.fulls), walls(s.fulls)
	}
	res.ratios = ratios(res.all.fulls, res.one.fulls)
	return res, nil
}

// languageSite copies the site folder from with settings as its site.toml,
// for measureLanguages.
func (b *bench) languageSite(from string, n int, name, csv string, settings []byte) (*sizeRuns, error) {
	dir := filepath.Join(b.o.out, fmt.Sprintf("site-languages-%s-%d", name, n))
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.CopyFS(dir, os.DirFS(from)); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), settings, 0o644); err != nil {
		return nil, err
	}
	return &sizeRuns{r: sizeResult{n: n}, site: dir, csv: csv,
		out:   filepath.Join(b.o.out, fmt.Sprintf("public-languages-%s-%d", name, n)),
		cache: filepath.Join(b.o.out, fmt.Sprintf("cache-languages-%s-%d", name, n))}, nil
}

// reportLanguages prints the rows of the languages measurement, in the
// table of the first data set.
func reportLanguages(w io.Writer, l *languagesResult) {
	if l == nil {
		return
	}
	n := comma(l.one.r.n)
	lo, mid, hi := l.ratios[0], l.ratios[len(l.ratios)/2], l.ratios[len(l.ratios)-1]
	fmt.Fprintf(w, "| full build, %s centers, one language (%s): wall | %s, %s | | |\n", n, l.langs[0],
		secs(l.one.r.full.wall)+spread(l.one.r.fullWalls), mb(l.one.r.full.peakKB))
	fmt.Fprintf(w, "| full build, %s centers, %d languages (%s): wall | %s, %s | | %.2fx the one-language build (median of the runs' ratios, %.2fx to %.2fx) |\n",
		n, len(l.langs), strings.Join(l.langs, ", "), secs(l.all.r.full.wall)+spread(l.all.r.fullWalls), mb(l.all.r.full.peakKB), mid, lo, hi)
}
