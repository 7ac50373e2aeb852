package build

import (
	"cmp"
	"errors"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// nearbyCount is how many other centers a center page lists as nearest.
const nearbyCount = 5

// Site is the whole directory, validated and ready to render.
type Site struct {
	Config Config
	Home   *Page
	Guide  *Page // the level-of-care guide, content/levels/_index.md
	Levels []*Level
	Facets []*Facet // content/facets.toml, in the file's order
	// Vocabulary is what the CSV may say: columns, codes and synonyms.
	Vocabulary *Vocabulary
	Pages      []*Page           // other content pages
	Centers    []*Center         // by id
	States     []*State          // by code
	Nearby     [][]Neighbor      // each center's nearest, by its place in Centers
	ZIPs       map[string]LatLon // ZIP code centroids, from data/zips.csv

	// Languages are the site's languages, the default first (languages.go).
	Languages []*Language
	// Lang is the language of the pages being drawn; nil outside Render.
	Lang *Language

	// Warnings are problems that do not stop the build, one line each.
	Warnings []string

	optionCounts optionCounts // OptionCount's answers, counted once
	byName       []*Center    // the centers in byName order, made by model
	offeredIn    struct {     // OfferedIn's answers, counted once
		once sync.Once
		by   map[*Level][]LevelCount
	}
	cache *rowCache // what the last build read, and what this one keeps
	base  *Site     // the site in the default language, of which this is a translation
	// localLevels holds, in a translation, the sets of levels that
	// centers list (see local), translated.
	localLevels sync.Map
	// helplines are every language's, as site.toml lists them;
	// Config.Helplines holds those of the site's language.
	helplines []Helpline

	// indexRows is each center's row of the search index, by its place in
	// Centers, made by model (index_rows.go).
	indexRows []indexRow
}

// State is one state's centers, grouped by city.
type State struct {
	Code   string // upper case
	Name   string
	Cities []*City // by name
	Count  int
	// CityPages is set when the state has so many centers that its page
	// lists only its cities, each with a page of its own (citypages.go).
	CityPages bool
}

// Slug is the lower-case code used in the state's URL.
func (s *State) Slug() string { return strings.ToLower(s.Code) }

// URL is the state page's path.
func (s *State) URL() string { return "/states/" + s.Slug() + "/" }

// City is the centers of one city, by name.
type City struct {
	Name    string
	Centers []*Center
	url     string // its own page, when its state has city pages
}

// URL is the center page's path.
func (c *Center) URL() string {
	if c.url != "" {
		return c.url
	}
	return "/centers/" + c.ID + "/"
}

// StateURL is the path of the page of the center's state.
func (c *Center) StateURL() string { return "/states/" + strings.ToLower(c.State) + "/" }

// URL is the level page's path.
func (l *Level) URL() string { return "/levels/" + l.Code + "/" }

// LevelKey names the set of levels c offers, for partialCached.
func (c *Center) LevelKey() string { return levelKey(c.Levels) }

func levelKey(levels []*Level) string {
	var b strings.Builder
	for _, l := range levels {
		b.WriteString(l.Code)
		b.WriteByte(' ')
	}
	return b.String()
}

// Offers reports whether c offers level l.
func (c *Center) Offers(l *Level) bool { return slices.Contains(c.Levels, l.orig()) }

// Load reads and validates a site: site settings from cfg, content/ from
// fsys, and the centers CSV. It returns every error found, as Errors.
func Load(fsys fs.FS, cfg Config) (*Site, error) {
	rep := &report{}
	c := readContent(fsys, cfg.Root, cfg.basePath(), rep)
	v := newVocabulary(c, cfg.Root, rep)
	v.latestVerified = latestVerified(cfg.Now)
	s := &Site{
		Config: cfg.forLayouts(), Home: c.home, Guide: c.guide, Levels: c.levels,
		Facets: c.facets, Vocabulary: v, Pages: c.pages,
	}
	var zipRep report // the ZIP table is read meanwhile
	zipsRead := make(chan struct{})
	go func() {
		defer close(zipsRead)
		s.ZIPs = loadZIPs(fsys, cfg, &zipRep)
	}()
	if len(rep.errs) == 0 { // codes in the CSV can only be checked against valid content
		if cfg.CacheFile != "" {
			s.cache = openCache(cfg.CacheFile, v)
		}
		s.Centers = loadCenters(fsys, cfg, v, rep, s.cache)
	}
	<-zipsRead
	rep.merge(&zipRep)
	if len(rep.errs) == 0 {
		placeAtCentroids(centersDisplay(cfg), s.Centers, s.ZIPs, displayPath(cfg.Root, cfg.Data.ZIPs), rep)
	}
	if len(rep.errs) == 0 {
		s.Languages = readLanguages(fsys, cfg, c, rep)
	}
	s.helplines = s.Config.Helplines
	s.Config.Helplines = helplinesIn(s.helplines, cfg.languages()[0])
	s.checkURLs(rep)
	s.Warnings = rep.Warnings()
	if err := rep.err(); err != nil {
		return s, err
	}
	s.model()
	return s, nil
}

func loadCenters(fsys fs.FS, cfg Config, v *Vocabulary, rep *report, rc *rowCache) []*Center {
	dataFS, name, disp := fsys, cfg.Data.Centers, centersDisplay(cfg)
	if cfg.DataFS != nil {
		dataFS = cfg.DataFS
	}
	b, err := fs.ReadFile(dataFS, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			rep.errorf(disp, 0, 0, "file not found")
		} else {
			rep.errorf(disp, 0, 0, "reading: %v", err)
		}
		return nil
	}
	centers := readCenters(disp, b, v, rep, rc)
	if len(rep.errs) > 0 {
		addSpreadsheetRows(disp, b, rep.errs)
	}
	byID := func(a, b *Center) int { return cmp.Compare(a.ID, b.ID) }
	if len(rep.errs) > 0 || slices.IsSortedFunc(centers, byID) { // a file kept in id order needs no sort
		return centers
	}
	return rc.order(centers, func(c *centersCache) []int { return c.byID }, byID)
}

// centersDisplay is how messages name the centers file.
func centersDisplay(cfg Config) string {
	if cfg.DataFS != nil {
		return cfg.DataName
	}
	return displayPath(cfg.Root, cfg.Data.Centers)
}

// checkURLs makes sure no content page takes a URL the generator makes.
func (s *Site) checkURLs(rep *report) {
	for _, p := range s.Pages {
		for _, prefix := range []string{"/centers/", "/states/", "/levels/", "/search/"} {
			if strings.HasPrefix(p.URL, prefix) {
				d := pageError(s.Config.Root, p, "URL %s is taken by the generated %s pages; move the file", p.URL, prefix)
				rep.errs = append(rep.errs, d)
			}
		}
	}
}

// model derives what pages show from the validated data: the states with
// their cities, and each center's nearest neighbours.
func (s *Site) model() {
	for i, c := range s.Centers {
		c.url, c.index = "/centers/"+c.ID+"/", i
	}
	s.markStale()
	// The name order with the states, and the titles, are made on their
	// own while the neighbours are searched on every core: they read names,
	// cities and states, the search positions, names and ids, and only
	// titles are written.
	var wg sync.WaitGroup
	wg.Go(func() {
		s.byName = s.sortedByName()
		s.States = groupStates(s.byName)
		s.splitStates()
	})
	wg.Go(func() { titleCenters(s.Centers) })
	wg.Go(func() { s.indexRows = s.cache.indexRows(s) }) // before the cache is saved, which keeps them
	s.Nearby = s.nearest()
	wg.Wait()
	if s.cache != nil {
		s.cache.save(s.Centers, s.byName, s.Nearby)
	}
}

// nearest finds the nearest neighbours of every center, by its place in
// s.Centers. With a cache, a center keeps the neighbours it had unless
// one of them changed or a changed center is as near as the farthest.
func (s *Site) nearest() [][]Neighbor {
	nearby := make([][]Neighbor, len(s.Centers))
	var search []int // the centers whose neighbours are searched
	reuse := s.cache.reusable(s.Centers)
	if reuse == nil {
		search = make([]int, len(s.Centers))
		for i := range search {
			search[i] = i
		}
	} else {
		kept := make([]bool, len(s.Centers))
		room := make([]Neighbor, len(s.Centers)*nearbyCount) // the kept lists, in one array
		parallel(len(s.Centers), func(i int) {
			into := room[i*nearbyCount : (i+1)*nearbyCount : (i+1)*nearbyCount]
			nearby[i], kept[i] = reuse.nearby(s.Centers[i], into)
		})
		for i, ok := range kept {
			if !ok {
				search = append(search, i)
			}
		}
	}
	// A few centers are searched among all the others, which is quicker
	// than making the grid.
	var find func(c *Center, best *closest) []Neighbor
	if reuse != nil && len(search) <= 64 {
		pts := reuse.all()
		find = func(c *Center, best *closest) []Neighbor { return closestAmong(pts, c, nearbyCount, best) }
	} else {
		g := newGrid(s.Centers)
		find = func(c *Center, best *closest) []Neighbor { return g.nearestWith(c, nearbyCount, best) }
	}
	parallelChunks(len(search), func(lo, hi int) {
		var best closest // one room for the chunk's searches
		for _, i := range search[lo:hi] {
			nearby[i] = find(s.Centers[i], &best)
		}
	})
	return nearby
}

// sortedByName is the centers in byName order; with a cache, made from
// the order of the last build.
func (s *Site) sortedByName() []*Center {
	if !s.cache.reusing() {
		return sortedByName(s.Centers)
	}
	byRow := make([]*Center, len(s.Centers))
	for _, c := range s.Centers {
		byRow[c.row] = c
	}
	return s.cache.order(byRow, func(c *centersCache) []int { return c.byName }, byName)
}

// titleCenters gives every center a title of name, city and state, adding
// the street (or ZIP code) where two centers would share one.
func titleCenters(centers []*Center) {
	count := map[string]int{}
	for _, c := range centers {
		c.Title = c.Name + ", " + c.City + ", " + c.State
		count[c.Title]++
	}
	for _, c := range centers {
		if count[c.Title] > 1 {
			c.Title = c.Name + ", " + cmp.Or(c.streetOneLine(), c.ZIP) + ", " + c.City + ", " + c.State
		}
	}
}

// parallel calls f(0) to f(n-1) on every core, in chunks.
func parallel(n int, f func(i int)) {
	parallelChunks(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			f(i)
		}
	})
}

// parallelChunks calls f(lo, hi) on every core for chunks of 0 to n-1.
func parallelChunks(n int, f func(lo, hi int)) {
	const chunk = 256
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				f(lo, min(lo+chunk, n))
			}
		})
	}
	wg.Wait()
}

func groupStates(centers []*Center) []*State {
	byCode := map[string]map[string][]*Center{}
	for _, c := range centers { // in name order, so each city's list is too
		if byCode[c.State] == nil {
			byCode[c.State] = map[string][]*Center{}
		}
		byCode[c.State][c.City] = append(byCode[c.State][c.City], c)
	}
	var states []*State
	for code, cities := range byCode {
		st := &State{Code: code, Name: stateNames[code]}
		for name, cs := range cities {
			st.Cities = append(st.Cities, &City{Name: name, Centers: cs})
			st.Count += len(cs)
		}
		slices.SortFunc(st.Cities, func(a, b *City) int { return cmp.Compare(a.Name, b.Name) })
		states = append(states, st)
	}
	slices.SortFunc(states, func(a, b *State) int { return cmp.Compare(a.Name, b.Name) })
	return states
}

func byName(a, b *Center) int {
	if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// LevelCount is how many centers of a state offer a level.
type LevelCount struct {
	State *State
	Count int
}

// OfferedIn counts, state by state, the centers that offer l. Every
// level's counts are made at the first call, in one pass.
func (s *Site) OfferedIn(l *Level) []LevelCount {
	if s.base != nil {
		return s.base.OfferedIn(l.orig())
	}
	s.offeredIn.once.Do(func() {
		s.offeredIn.by = map[*Level][]LevelCount{}
		counts := make([]int, len(s.Levels))
		for _, st := range s.States {
			clear(counts)
			for _, city := range st.Cities {
				for _, c := range city.Centers {
					countOptions(counts, s.Levels, c.Levels)
				}
			}
			for i, n := range counts {
				if n > 0 {
					s.offeredIn.by[s.Levels[i]] = append(s.offeredIn.by[s.Levels[i]], LevelCount{st, n})
				}
			}
		}
	})
	return s.offeredIn.by[l]
}

// SearchRadii are the distances, in miles, the search form offers.
func (s *Site) SearchRadii() []int { return []int{5, 10, 25, 50, 100, 250} }

// CountOffering is how many centers offer l.
func (s *Site) CountOffering(l *Level) int {
	n := 0
	for _, c := range s.Centers {
		if c.Offers(l) {
			n++
		}
	}
	return n
}
