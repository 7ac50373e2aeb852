package hugoexport

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"treatmentdir/internal/build"
)

// repoRoot is the site folder of the repository, with the example data.
const repoRoot = "../.."

// The minimal Hugo site that TestHugoReadsContent puts around content/: a
// JSON file lists every page as Hugo read it.
const (
	minimalConfig = `baseURL = "https://example.org/"
disableKinds = ["rss", "sitemap", "taxonomy", "term"]
[outputs]
home = ["html", "json"]
`
	minimalPage    = `{{ .Title }}`
	minimalListing = `{{- $pages := slice }}
{{- range site.Pages }}{{ $p := . }}{{ with .File }}
{{- $pages = $pages | append (dict "file" .Path "url" $p.RelPermalink "title" $p.Title "weight" $p.Weight "params" $p.Params) }}
{{- end }}{{ end }}
{{- $levels := slice }}
{{- range (site.GetPage "/levels").Pages }}{{ $levels = $levels | append .File.ContentBaseName }}{{ end }}
{{- jsonify (dict "pages" $pages "levels" $levels) }}`
)

// hugoPage is a page as Hugo read it.
type hugoPage struct {
	File   string         `json:"file"`
	URL    string         `json:"url"`
	Title  string         `json:"title"`
	Weight int            `json:"weight"`
	Params map[string]any `json:"params"`
}

// TestHugoReadsContent builds the repository's content/ as it stands with
// Hugo and a minimal configuration, and checks that Hugo reads each page's
// front matter as the generator does: same pages, URLs, titles, weights
// (so the same order of levels) and level fields.
func TestHugoReadsContent(t *testing.T) {
	site := loadSite(t, os.DirFS(repoRoot), repoRoot)
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(repoRoot, "content"))); err != nil {
		t.Fatal(err)
	}
	config := minimalConfig
	if len(site.Languages) > 1 { // Hugo reads <name>.<lang>.md as a translation only for its languages
		config = "defaultContentLanguage = \"" + site.Languages[0].Code + "\"\n" + config
		for i, l := range site.Languages {
			config += fmt.Sprintf("[languages.%s]\nweight = %d\n", l.Code, i+1)
		}
	}
	writeFiles(t, dir, map[string]string{
		"hugo.toml":        config,
		"layouts/all.html": minimalPage,
		// Hugo lists its pages in the home page's JSON output.
		"layouts/home.json": minimalListing,
	})
	public := filepath.Join(dir, "public")
	runHugo(t, dir, public)
	for i, l := range site.Languages {
		pages, prefix := contentPages(site), ""
		if i > 0 {
			pages, prefix = l.Translations(), "/"+l.Code
		}
		t.Run(l.Code, func(t *testing.T) { checkHugoPages(t, site, public, prefix, pages) })
	}
}

// checkHugoPages compares the pages Hugo read for one language, listed in
// its home page's JSON, with the generator's.
func checkHugoPages(t *testing.T, site *build.Site, public, prefix string, pages []*build.Page) {
	var got struct {
		Pages  []hugoPage `json:"pages"`
		Levels []string   `json:"levels"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(public, prefix, "index.json"))), &got); err != nil {
		t.Fatalf("reading Hugo's page list: %v", err)
	}
	byFile := map[string]hugoPage{}
	for _, p := range got.Pages {
		byFile["content/"+p.File] = p
	}
	if len(pages) < 9 { // home, about, the guide and six levels
		t.Fatalf("%d content pages, want the example site's nine or more", len(pages))
	}
	if len(byFile) != len(pages) {
		t.Errorf("Hugo read %d content pages, the generator %d", len(byFile), len(pages))
	}
	for _, p := range pages {
		h, ok := byFile[p.File]
		switch {
		case !ok:
			t.Errorf("%s: Hugo did not read it as a page", p.File)
		case h.Title != p.Title || h.Weight != p.Weight || h.URL != prefix+p.URL:
			t.Errorf("%s: Hugo read title %q, weight %d, URL %s; the generator title %q, weight %d, URL %s",
				p.File, h.Title, h.Weight, h.URL, p.Title, p.Weight, prefix+p.URL)
		}
	}
	if prefix == "" {
		for _, l := range site.Levels {
			checkLevelParams(t, l, byFile[l.File].Params)
		}
	}
	want := levelCodes(site.Levels)
	for i := range got.Levels {
		got.Levels[i] = strings.TrimSuffix(got.Levels[i], strings.Replace(prefix, "/", ".", 1))
	}
	if !reflect.DeepEqual(got.Levels, want) {
		t.Errorf("Hugo orders the levels %q; the generator %q", got.Levels, want)
	}
	for _, p := range pages {
		checkReservedKeys(t, p)
	}
}

// hugoKeys are the front matter keys Hugo gives a meaning of its own
// (gohugo.io/content-management/front-matter), in lower case.
var hugoKeys = strings.Fields(`aliases build cascade date description draft expirydate
	headless iscjklanguage keywords kind lang lastmod layout linktitle markup modified outputs params
	path pubdate publishdate published resources sitemap slug summary title translationkey type
	unpublishdate url weight`)

// ourHugoKeys are the keys of Hugo's that content/ uses, in Hugo's meaning.
var ourHugoKeys = []string{"title", "description", "weight", "draft"}

// checkReservedKeys makes sure a page uses no key that Hugo reads in a
// meaning other than ours: a new key needs a name of its own, as the
// levels' synonyms do (in Hugo, aliases are redirects).
func checkReservedKeys(t *testing.T, p *build.Page) {
	t.Helper()
	for key := range frontMatterOf(t, p.Source) {
		k := strings.ToLower(key)
		if slices.Contains(hugoKeys, k) && !slices.Contains(ourHugoKeys, k) {
			t.Errorf("%s: front matter key %q means something else in Hugo; give it a name of its own", p.File, key)
		}
	}
}

// checkLevelParams compares the level fields Hugo leaves to the site (its
// .Params) with what the generator read.
func checkLevelParams(t *testing.T, l *build.Level, params map[string]any) {
	t.Helper()
	synonyms := []any{}
	for _, s := range l.Synonyms {
		synonyms = append(synonyms, s)
	}
	stepDown := ""
	if l.StepDown != nil {
		stepDown = l.StepDown.Code
	}
	want := map[string]any{"asam": l.ASAM, "setting": l.Setting, "hours": l.Hours, "for_whom": l.ForWhom,
		"short": l.Short, "synonyms": synonyms, "step_down": stepDown, "description": l.Description}
	for key, w := range want {
		g, ok := params[key]
		if !ok {
			g = ""
			if key == "synonyms" {
				g = []any{}
			}
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: Hugo read %s = %#v; the generator %#v", l.File, key, g, w)
		}
	}
}
