package build

import (
	"bytes"
	"fmt"
	"strconv"
)

// defaultCityPagesOver is the size past which a state page lists its
// cities and each city gets a page of its own: 150 cards weigh about
// 20 KB gzipped, and a state of 8,000 centers would weigh over 500 KB.
const defaultCityPagesOver = 150

// splitStates gives every city of a state with more than CityPagesOver
// centers its own page, named by a slug unique within the state, and
// tells each of its centers where its city's page is.
func (s *Site) splitStates() {
	for _, st := range s.States {
		if st.Count <= s.Config.CityPagesOver {
			continue
		}
		st.CityPages = true
		taken := map[string]bool{}
		for _, city := range st.Cities {
			slug := citySlug(city.Name)
			for n := 2; taken[slug]; n++ { // "St. Louis" and "St Louis" both read st-louis
				slug = citySlug(city.Name) + "-" + strconv.Itoa(n)
			}
			taken[slug] = true
			city.url = st.URL() + slug + "/"
			for _, c := range city.Centers {
				c.cityURL = city.url
			}
		}
	}
}

// citySlug is a city's name in a URL: lower-case ASCII letters and digits
// with single hyphens; letters with accents lose them, other characters
// become hyphens.
func citySlug(name string) string {
	if slug := slugify(Fold(name)); slug != "" {
		return slug
	}
	return "city"
}

// URL is the city's page, or "" when its state lists it on one page.
func (c *City) URL() string { return c.url }

// CityURL is the page of the center's city, or "" when its state page
// lists the center itself.
func (c *Center) CityURL() string { return c.cityURL }

// cityJobs lists the city pages of the states that have them, each keyed
// by the centers it lists.
func (r *renderer) cityJobs() ([]job, error) {
	s := r.site
	var split []*State
	for _, st := range s.States {
		if st.CityPages {
			split = append(split, st)
		}
	}
	if len(split) == 0 {
		return nil, nil // a site without city pages needs no layout for them
	}
	t, err := r.layout("states/city.html")
	if err != nil {
		return nil, err
	}
	wide := r.showsSiteWide(t)
	var jobs []job
	var smallest *City
	var smallestState *State
	for _, st := range split {
		for _, city := range st.Cities {
			jobs = append(jobs, job{ // the view is made only when the page is drawn: a rebuild draws few
				name:   r.outputName(city.url),
				key:    func() Key { return r.keys.city(st, city, wide) },
				render: func(b *bytes.Buffer) error { return r.execute(t, b, cityView(s, st, city)) },
			})
			if smallest == nil || len(city.Centers) < len(smallest.Centers) {
				smallest, smallestState = city, st
			}
		}
	}
	r.sampleWith(t, cityView(s, smallestState, smallest))
	return jobs, nil
}

func cityView(s *Site, st *State, city *City) *view {
	n := len(city.Centers)
	data := map[string]any{"Count": n, "City": city.Name, "State": st.Name, "Code": st.Code}
	return &view{Site: s, Kind: "city", URL: city.url, State: st, City: city,
		Title: s.text("city_title", data, fmt.Sprintf("Treatment centers in %s, %s", city.Name, st.Code)),
		Description: s.text("city_description", data,
			fmt.Sprintf("%d addiction treatment %s in %s, %s, with phone numbers and levels of care.", n, plural(n, "center", "centers"), city.Name, st.Name))}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// city is the key of a city page.
func (k *pageKeys) city(st *State, city *City, wide bool) Key {
	var buf [512]byte
	h := newKeyHash() // hashed as it goes: a city may list thousands of centers
	b := k.start(buf[:0], "city", wide)
	b = append(append(append(append(b, st.Code...), 0), st.Name...), 0)
	h.write(append(append(append(append(b, city.Name...), 0), city.url...), 0))
	for _, c := range city.Centers {
		h.write(k.sums[c.index][:])
	}
	return h.sum()
}
