package searchtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"treatmentdir/internal/browsertest"
)

func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// TestTypingAndClickingFollowTheURL changes each control by keyboard or
// mouse, as a person would, and checks that the URL and the results follow,
// and that opening the final URL afresh shows the same results.
func TestTypingAndClickingFollowTheURL(t *testing.T) {
	s := buildSite(t, 800, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	open(t, ctx, base+"/")

	steps := []struct {
		name    string
		actions []chromedp.Action[chromedp.Void]
		url     string // a JavaScript predicate on the decoded query string s
	}{
		{"type a ZIP", []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.ID("near"), "43215")}, `s === '?near=43215&radius=25'`},
		{"tick a level", []chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.ID("level-iop"))}, `s === '?near=43215&radius=25&level=iop'`},
		{"tick another level by keyboard", []chromedp.Action[chromedp.Void]{chromedp.Focus(chromedp.ID("level-detox")), chromedp.KeyEvent(" ")}, `s === '?near=43215&radius=25&level=detox,iop'`},
		{"widen the radius by keyboard", []chromedp.Action[chromedp.Void]{chromedp.Focus(chromedp.ID("radius")), chromedp.KeyEvent(kb.ArrowDown)}, `s.includes('radius=50')`},
		{"type a name", []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.ID("q"), "example")}, `s.endsWith('&q=example')`},
		{"tick a payment", []chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.ID("pay-medicaid"))}, `s.includes('&pay=medicaid&')`},
		{"untick a level", []chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.ID("level-iop"))}, `s.includes('level=detox&')`},
	}
	var last shown
	for _, st := range steps {
		do(t, ctx, st.actions...)
		waitURL(t, ctx, st.url)
		last = readPage(t, ctx)
		s.compare(t, last)
		if len(last.IDs) == 0 {
			t.Errorf("%s: %s: no results; the flow should keep some", st.name, last.Search)
		}
	}
	again := open(t, ctx, base+"/"+last.Search)
	if !slices.Equal(again.IDs, last.IDs) || again.Count != last.Count {
		t.Errorf("reopening %s: got %d results, want the %d shown before", last.Search, len(again.IDs), len(last.IDs))
	}
	form := eval[[]any](t, ctx, `[document.getElementById('near').value, document.getElementById('radius').value,
		document.getElementById('q').value, [...document.querySelectorAll('input:checked')].map((b) => b.id).join(' ')]`)
	want := []any{"43215", "50", "example", "level-detox pay-medicaid"}
	if !slices.Equal(form, want) {
		t.Errorf("reopened form shows %v, want %v", form, want)
	}

	// Clearing every control brings back the prompt and the counts of the
	// whole directory.
	do(t, ctx, chromedp.Click(chromedp.ID("level-detox")), chromedp.Click(chromedp.ID("pay-medicaid")),
		chromedp.Evaluate[chromedp.Void](`for (const id of ['near', 'q']) {
			const el = document.getElementById(id);
			el.value = '';
			el.dispatchEvent(new Event('change', { bubbles: true }));
		}`))
	waitURL(t, ctx, `s === ''`)
	s.compare(t, readPage(t, ctx))
}

// TestMessages checks the plain words for an unknown ZIP and for a search
// with nothing in range, and the wider search the latter offers.
func TestMessages(t *testing.T) {
	s := buildSite(t, 200, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)

	got := open(t, ctx, base+"/?near=00000")
	if !strings.Contains(got.Status, "ZIP code 00000 is not one we know") || got.Count != "0" {
		t.Errorf("unknown ZIP: status %q, count %s", got.Status, got.Count)
	}

	got = open(t, ctx, base+"/?near=59001&radius=5")
	if got.Count != "0" || !strings.Contains(got.Status, "within 5 miles of 59001") {
		t.Errorf("nothing in range: status %q, count %s", got.Status, got.Count)
	}
	msg := eval[string](t, ctx, `(() => { const m = document.getElementById('search-message'); return m.hidden ? '' : m.textContent; })()`)
	for _, w := range []string{"No center within 5 miles", "Search within 10 miles", "988", "1-800-662-4357"} {
		if !strings.Contains(msg, w) {
			t.Errorf("nothing in range: message %q lacks %q", msg, w)
		}
	}
	do(t, ctx, chromedp.Click(chromedp.CSS("#search-message button")))
	waitURL(t, ctx, `s === '?near=59001&radius=10'`)
	if focused := eval[string](t, ctx, `document.activeElement.id`); focused != "results-heading" {
		t.Errorf("after the wider search, focus is on %q, want the results heading", focused)
	}
}

// TestSpanishMessages: the Spanish search page says the same in Spanish,
// with the helplines as they work in Spanish.
func TestSpanishMessages(t *testing.T) {
	s := buildSite(t, 200, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)

	got := open(t, ctx, base+"/es/?near=00000")
	if !strings.Contains(got.Status, "No conocemos el código postal 00000") || got.Count != "0" {
		t.Errorf("unknown ZIP: status %q, count %s", got.Status, got.Count)
	}
	got = open(t, ctx, base+"/es/?near=59001&radius=5")
	if got.Count != "0" || !strings.Contains(got.Status, "0 centros encontrados a menos de 5 millas de 59001.") {
		t.Errorf("nothing in range: status %q, count %s", got.Status, got.Count)
	}
	msg := eval[string](t, ctx, `(() => { const m = document.getElementById('search-message'); return m.hidden ? '' : m.textContent; })()`)
	for _, w := range []string{"Ningún centro a menos de 5 millas", "Buscar a menos de 10 millas", "marque 2", "AYUDA", "1-800-662-4357"} {
		if !strings.Contains(msg, w) {
			t.Errorf("nothing in range: message %q lacks %q", msg, w)
		}
	}
	got = open(t, ctx, base+"/es/?near=43215&radius=100")
	if !strings.Contains(got.Status, "centros encontrados a menos de 100 millas de 43215") {
		t.Errorf("status %q", got.Status)
	}
	more := eval[string](t, ctx, `document.querySelector('#results ~ button.more')?.textContent || ''`)
	if more != "" && !strings.HasPrefix(more, "Ver ") {
		t.Errorf("the more button reads %q", more)
	}
}

// TestShowMore pages through results by keyboard: a search first draws
// 10 cards (about a screenful, so that a filter change stays quick), the
// button adds 25 more and moves focus to the first of them, and says how
// many it will add.
func TestShowMore(t *testing.T) {
	s := buildSite(t, 400, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	do(t, ctx, chromedp.Navigate(base+"/?near=43215&radius=100"))
	waitResults(t, ctx)
	if n := eval[int](t, ctx, `document.querySelectorAll('#results > li').length`); n != 10 {
		t.Fatalf("first page has %d results, want 10", n)
	}
	if more := eval[string](t, ctx, `document.querySelector('button.more').textContent`); !strings.HasPrefix(more, "Show 25 more of ") {
		t.Errorf("the more button reads %q, want Show 25 more of …", more)
	}
	do(t, ctx, chromedp.Focus(chromedp.CSS("button.more")), chromedp.KeyEvent(kb.Enter))
	if n := eval[int](t, ctx, `document.querySelectorAll('#results > li').length`); n != 35 {
		t.Errorf("after Show more, %d results, want 35", n)
	}
	if id := eval[string](t, ctx, `document.activeElement.closest('li')?.dataset.centerId ?? ''`); id != eval[string](t, ctx, `document.querySelectorAll('#results > li')[10].dataset.centerId`) {
		t.Errorf("after Show more, focus is in %q, want the 11th result", id)
	}
}

// TestControlsHaveLabels checks that every control of the search form has
// an accessible name and can take keyboard focus.
func TestControlsHaveLabels(t *testing.T) {
	s := buildSite(t, 100, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	open(t, ctx, base+"/?near=43215")
	bad := eval[[]string](t, ctx, `[...document.querySelectorAll('#search input, #search select, #search button, button.more')]
		.filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()) || el.tabIndex < 0)
		.map((el) => el.outerHTML)`)
	for _, b := range bad {
		t.Errorf("control without a label or keyboard focus: %s", b)
	}
}

// TestLocation fills near from the browser's location, and says so in
// plain words when the person does not allow it.
func TestLocation(t *testing.T) {
	s := buildSite(t, 400, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	open(t, ctx, base+"/")
	origin := base
	lat, lon, acc := 39.96, -83.0, 10.0
	if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: "geolocation"}, Setting: browser.PermissionSettingGranted, Origin: origin,
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetGeolocationOverride, emulation.SetGeolocationOverrideParams{Latitude: &lat, Longitude: &lon, Accuracy: &acc}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Click(chromedp.ID("locate")))
	waitURL(t, ctx, `s === '?near=39.96000,-83.00000&radius=25'`)
	got := readPage(t, ctx)
	s.compare(t, got)
	if !strings.Contains(got.Status, "within 25 miles of your location") {
		t.Errorf("located: status %q does not say where", got.Status)
	}
	// The box says so in words; the URL keeps the coordinates.
	if v := eval[string](t, ctx, `document.getElementById('near').value`); v != "Your location" {
		t.Errorf("located: the box shows %q, want \"Your location\"", v)
	}

	if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: "geolocation"}, Setting: browser.PermissionSettingDenied, Origin: origin,
	}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Click(chromedp.ID("locate")))
	if err := waitFor(ctx, `document.getElementById('locate-status').textContent.includes('did not allow')`, 10*time.Second); err != nil {
		t.Errorf("denied location: no plain message: %v", err)
	}
}

// TestIndexFailsToLoad serves the page without its search data: the page
// says so and keeps the links to browse by state and level.
func TestIndexFailsToLoad(t *testing.T) {
	s := buildSite(t, 100, "/")
	files := http.FileServer(http.Dir(s.dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/search/") {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close) // after the browser has closed: it may still ask for the icon
	ctx := browsertest.Start(t, browsertest.AllowConsole(`Failed to load resource: the server responded with a status of 503`))
	got := open(t, ctx, srv.URL+"/?near=43215")
	if !strings.Contains(got.Status, "could not load") || len(got.IDs) != 0 {
		t.Errorf("index failed: status %q, %d results", got.Status, len(got.IDs))
	}
	links := eval[int](t, ctx, `document.querySelectorAll('.browse a[href^="/states/"], .browse a[href^="/levels/"]').length`)
	if links == 0 {
		t.Error("index failed: no links to browse by state or level")
	}
}

// TestWithoutJavaScript checks that the search page still offers browsing
// by state and by level when scripts do not run.
func TestWithoutJavaScript(t *testing.T) {
	s := buildSite(t, 100, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(base+"/?near=43215"))
	// The notice sits under the title: the form itself is hidden without
	// JavaScript (TestPhoneWithoutJavaScript).
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".intro .notice")))
	if err != nil || !strings.Contains(text, "browse centers by state") {
		t.Errorf("no notice for browsers without JavaScript: %q, %v", text, err)
	}
	states := eval[int](t, ctx, `document.querySelectorAll('a[href^="/states/"]').length`)
	levels := eval[int](t, ctx, `document.querySelectorAll('a[href^="/levels/"]').length`)
	if states < 2 || levels < 2 {
		t.Errorf("without JavaScript the page links to %d state and %d level pages", states, levels)
	}
}

// TestSubfolderSite serves a site whose base URL has a path: every file
// the search loads must be found under it.
func TestSubfolderSite(t *testing.T) {
	s := buildSite(t, 200, "/sub/")
	srv := browsertest.ServeHandler(t, http.StripPrefix("/sub", http.FileServer(http.Dir(s.dir))))
	ctx := browsertest.Start(t)
	for _, q := range []string{"near=43215&level=iop", "q=example"} {
		got := open(t, ctx, srv+"/sub/?"+q)
		s.compare(t, got)
		href := eval[string](t, ctx, `document.querySelector('#results a').getAttribute('href')`)
		if !strings.HasPrefix(href, "/sub/centers/") {
			t.Errorf("%s: result links to %s, want a page under /sub/centers/", q, href)
		}
	}
}

// TestNewFacetsByClicking ticks options of the facets besides level and
// payment, as a person would: two of one facet (OR), then one of another
// (AND); the URL, the results and every count follow the Go search.
func TestNewFacetsByClicking(t *testing.T) {
	s := buildSite(t, 800, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	open(t, ctx, base+"/?near=43215&radius=100")
	steps := []struct {
		name, id, url string
	}{
		{"tick a language", "lang-english", `s === '?near=43215&radius=100&lang=english'`},
		{"tick another language", "lang-spanish", `s === '?near=43215&radius=100&lang=english,spanish'`},
		{"tick a service", "svc-telehealth", `s === '?near=43215&radius=100&svc=telehealth&lang=english,spanish'`},
		{"tick a gender", "gender-women", `s.includes('&gender=women&')`},
	}
	var counts []int
	for _, st := range steps {
		do(t, ctx, chromedp.Click(chromedp.ID(st.id)))
		waitURL(t, ctx, st.url)
		got := readPage(t, ctx)
		s.compare(t, got)
		counts = append(counts, len(got.IDs))
	}
	if counts[1] < counts[0] || counts[2] > counts[1] || counts[0] == 0 {
		t.Errorf("results %v: want OR within a facet to widen and AND across to narrow", counts)
	}
	// Each card says whom its center takes alone, as the center page does.
	cards := eval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll('#results > li')]
		.map((li) => [li.dataset.centerId, li.querySelector('.only')?.textContent ?? '']))`)
	onlys := 0
	for _, c := range s.site.Centers {
		got, shown := cards[c.ID]
		if !shown {
			continue
		}
		want := strings.Join(c.Onlys(s.site.Facets), ". ")
		if got != want {
			t.Errorf("card of %s says %q, want %q", c.ID, got, want)
		}
		if want != "" {
			onlys++
		}
	}
	if onlys == 0 {
		t.Error("no card says only: the test data should have some")
	}
}
