package build

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

func TestCitySlug(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Springfield", "springfield"},
		{"St. Louis", "st-louis"},
		{"Coeur d'Alene", "coeur-d-alene"},
		{"Cañon City", "canon-city"},
		{"  Winston--Salem ", "winston-salem"},
		{"!!!", "city"}, // nothing left: still a path segment
	}
	for _, tt := range tests {
		if got := citySlug(tt.name); got != tt.want {
			t.Errorf("citySlug(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// withCityPagesOver sets city_pages_over in the site's settings.
func withCityPagesOver(fsys fstest.MapFS, n int) fstest.MapFS {
	settings := cityPagesRE.ReplaceAllString(string(fsys["site.toml"].Data), "")
	return withFiles(fsys, fmt.Sprintf("-- site.toml --\ncity_pages_over = %d\n%s", n, settings))
}

var cityPagesRE = regexp.MustCompile(`(?m)^city_pages_over *=.*\n`)

var hrefRE = regexp.MustCompile(`href="([^"]*)"`)

// pageLinks reads the internal links of an HTML page, as output files.
func pageLinks(html []byte) []string {
	var files []string
	for _, m := range hrefRE.FindAllSubmatch(html, -1) {
		if target, ok := internalTarget(htmlUnescape(string(m[1]))); ok {
			files = append(files, target)
		}
	}
	return files
}

// clicks is how many links a person follows from the home page to each
// page, by links: a breadth-first walk of the links graph.
func clicks(links map[string][]string) map[string]int {
	depth := map[string]int{"index.html": 0}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		for _, to := range links[page] {
			if _, seen := depth[to]; !seen {
				depth[to] = depth[page] + 1
				queue = append(queue, to)
			}
		}
	}
	return depth
}

func TestCityPages(t *testing.T) {
	fsys := repoSite(t)
	fsys = withCityPagesOver(fsys, 20)
	res, out := mustBuild(t, fsys)
	split := 0
	for _, st := range res.Site.States {
		state := string(out.files[outputName(st.URL())])
		if st.Count <= 20 {
			if st.CityPages || !strings.Contains(state, `class="center-card"`) {
				t.Errorf("state %s with %d centers should list them on its page", st.Code, st.Count)
			}
			continue
		}
		split++
		if strings.Contains(state, `class="center-card"`) {
			t.Errorf("state page %s lists centers although it has city pages", st.Code)
		}
		for _, city := range st.Cities {
			if !strings.Contains(state, `href="`+city.URL()+`"`) {
				t.Errorf("state page %s does not link %s", st.Code, city.URL())
			}
			page := string(out.files[outputName(city.URL())])
			for _, c := range city.Centers {
				if !strings.Contains(page, `href="`+c.URL()+`"`) {
					t.Errorf("city page %s does not list %s", city.URL(), c.ID)
				}
				center := string(out.files[outputName(c.URL())])
				if !strings.Contains(center, `› <a href="`+city.URL()+`">`) {
					t.Errorf("center page %s does not link its city page", c.ID)
				}
			}
		}
	}
	if split == 0 {
		t.Fatal("no state of the example site has city pages at 20 centers")
	}
	links := map[string][]string{}
	for name, data := range out.files {
		if strings.HasSuffix(name, ".html") {
			links[name] = pageLinks(data)
		}
	}
	depth := clicks(links)
	for _, c := range res.Site.Centers {
		if d, ok := depth[outputName(c.URL())]; !ok || d > 3 {
			t.Errorf("center %s is %d clicks from home (0: not reached), want at most 3", c.ID, d)
		}
	}
}

// TestCityPageRebuiltWhenItsCenterChanges rebuilds after one center's name
// changed: the page of its city must show the new name.
func TestCityPageRebuiltWhenItsCenterChanges(t *testing.T) {
	dir := t.TempDir()
	fsys := repoSite(t)
	fsys = withCityPagesOver(fsys, 20)
	res, _ := mustBuild(t, fsys)
	var c *Center
	for _, x := range res.Site.Centers {
		if x.CityURL() != "" {
			c = x
			break
		}
	}
	if c == nil {
		t.Fatal("no center has a city page")
	}
	publish(t, fsys, dir)
	csv := string(fsys["data/centers.csv"].Data)
	row := "\n" + c.ID + "," + c.Name + ","
	renamed := strings.Replace(csv, row, "\n"+c.ID+",Renamed Example Place,", 1)
	if renamed == csv {
		t.Fatalf("cannot find %q in the CSV", row)
	}
	fsys = withFiles(fsys, "-- data/centers.csv --\n"+renamed)
	publish(t, fsys, dir)
	page, err := os.ReadFile(filepath.Join(dir, outputName(c.CityURL())))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte("Renamed Example Place")) {
		t.Errorf("city page %s still shows the old name after a rebuild", c.CityURL())
	}
}

// weighOutput keeps, for each HTML page, its gzipped size and the links of
// every page but center pages (a center is reached through the others).
type weighOutput struct {
	mu      sync.Mutex
	largest int
	name    string
	pages   int
	links   map[string][]string
	zippers sync.Pool
}

func (o *weighOutput) Put(name string, data []byte) error {
	if !strings.HasSuffix(name, ".html") {
		return nil
	}
	z, _ := o.zippers.Get().(*gzip.Writer)
	var b bytes.Buffer
	if z == nil {
		z, _ = gzip.NewWriterLevel(&b, 6)
	} else {
		z.Reset(&b)
	}
	z.Write(data)
	z.Close()
	o.zippers.Put(z)
	var links []string
	if !strings.HasPrefix(name, "centers/") {
		links = pageLinks(data)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.pages++
	if b.Len() > o.largest {
		o.largest, o.name = b.Len(), name
	}
	if links != nil {
		o.links[name] = links
	}
	return nil
}

// TestLightPagesAt100k builds 100,000 synthetic centers: no HTML page
// over 100 KB gzipped, and every center within three clicks of home.
func TestLightPagesAt100k(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 100,000 centers")
	}
	fsys := syntheticFS(t, 100000)
	cfg, err := LoadConfig(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	cfg.ResolveBaseURL("https://directory.example.org/", "")
	out := &weighOutput{links: map[string][]string{}}
	res, err := Build(fsys, cfg, out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages; largest %s, %d bytes gzipped", out.pages, out.name, out.largest)
	if out.largest > 100*1024 {
		t.Errorf("%s is %d bytes gzipped, over 100 KB", out.name, out.largest)
	}
	depth := clicks(out.links)
	far := 0
	for _, c := range res.Site.Centers {
		if d, ok := depth[outputName(c.URL())]; !ok || d > 3 {
			far++
		}
	}
	if far > 0 {
		t.Errorf("%d of %d centers are more than three clicks from home", far, len(res.Site.Centers))
	}
}
