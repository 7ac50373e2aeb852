package searchtest

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"treatmentdir/internal/browsertest"
)

// The phone of the tests: 390x844 CSS pixels with touch, as a person in
// distress meets the search page.
const phoneWidth, phoneHeight = 390, 844

// onPhone makes the tab a phone. It must run before the page is opened,
// so that the layout and the media queries are the phone's from the start.
func onPhone(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: phoneWidth, Height: phoneHeight, DeviceScaleFactor: 2, Mobile: true,
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5}); err != nil {
		t.Fatal(err)
	}
}

// shot saves a screenshot of the viewport under $SHOTS, when set, for a
// person to look at; the tests do not read it.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// rect is an element's box in the viewport.
type rect struct {
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
	Height float64 `json:"height"`
}

func box(t *testing.T, ctx context.Context, sel string) rect {
	t.Helper()
	return eval[rect](t, ctx, `(() => { const r = document.querySelector(`+jsString(sel)+`).getBoundingClientRect();
		return { top: r.top, bottom: r.bottom, height: r.height }; })()`)
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// TestPhoneZIPThenEnter types a ZIP code and presses Enter at 390x844:
// the place box is at the top, and the first result is on screen with
// focus on the count.
func TestPhoneZIPThenEnter(t *testing.T) {
	s := buildSite(t, 800, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	onPhone(t, ctx)
	open(t, ctx, base+"/")
	shot(t, ctx, "phone-1-start")
	// Above the fold's first 60%, under the helplines, the header and the
	// title only: the intro follows the results.
	for _, sel := range []string{"#near", "#locate"} {
		if r := box(t, ctx, sel); r.Bottom > 0.6*phoneHeight {
			t.Errorf("%s ends %.0f px down, want it within the top %.0f px", sel, r.Bottom, 0.6*phoneHeight)
		}
	}
	if !eval[bool](t, ctx, `!!(document.getElementById('near').compareDocumentPosition(document.querySelector('.about-search')) & Node.DOCUMENT_POSITION_FOLLOWING)`) {
		t.Error("the intro comes before the ZIP box")
	}
	do(t, ctx, chromedp.SendKeys(chromedp.ID("near"), "43215"), chromedp.KeyEvent(kb.Enter))
	waitURL(t, ctx, `s === '?near=43215&radius=25'`)
	if err := waitFor(ctx, `document.activeElement.id === 'status'`, 5*time.Second); err != nil {
		t.Errorf("after Enter, focus is on %q, want the result count", eval[string](t, ctx, `document.activeElement.id`))
	}
	shot(t, ctx, "phone-2-results")
	r := box(t, ctx, "#results > li")
	if r.Top < 0 || r.Bottom > phoneHeight {
		t.Errorf("the first result is at %.0f to %.0f px, want it inside the %d px screen", r.Top, r.Bottom, phoneHeight)
	}
	if st := box(t, ctx, "#status"); st.Top < 0 || st.Bottom > phoneHeight {
		t.Errorf("the result count is at %.0f to %.0f px, want it on screen", st.Top, st.Bottom)
	}
}

// TestPhoneFilterPanel opens the filter panel on a phone, ticks a level and
// a payment, and checks that the count stays in sight on the panel's
// button, that closing it shows chips naming the filters and a status line
// that names them, and that a chip and "Clear all" remove them.
func TestPhoneFilterPanel(t *testing.T) {
	s := buildSite(t, 800, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	onPhone(t, ctx)
	open(t, ctx, base+"/?near=43215&radius=25")
	if eval[bool](t, ctx, `document.getElementById('level-iop').checkVisibility()`) {
		t.Error("on a phone the filters show before the Filters button is pressed")
	}
	do(t, ctx, chromedp.Click(chromedp.ID("filters-open")))
	if !eval[bool](t, ctx, `document.getElementById('filters').matches(':modal')`) {
		t.Fatal("the Filters button did not open the panel as a dialog")
	}
	do(t, ctx, chromedp.Click(chromedp.ID("level-iop")))
	waitURL(t, ctx, `s === '?near=43215&radius=25&level=iop'`)
	do(t, ctx, chromedp.Click(chromedp.ID("pay-medicaid")))
	waitURL(t, ctx, `s === '?near=43215&radius=25&level=iop&pay=medicaid'`)
	shot(t, ctx, "phone-3-panel")
	got := readPage(t, ctx)
	s.compare(t, got)
	done := eval[string](t, ctx, `document.getElementById('filters-done').textContent`)
	if want := "Show " + got.Count + " "; !strings.HasPrefix(done, want) {
		t.Errorf("the panel's button says %q, want the count %q", done, want)
	}
	if r := box(t, ctx, "#filters-done"); r.Top < 0 || r.Bottom > phoneHeight {
		t.Errorf("the panel's button with the count is at %.0f to %.0f px, want it on screen", r.Top, r.Bottom)
	}
	for _, w := range []string{"offering Intensive outpatient (IOP)", "and taking Medicaid", "within 25 miles of 43215"} {
		if !strings.Contains(got.Status, w) {
			t.Errorf("status %q does not name %q", got.Status, w)
		}
	}
	do(t, ctx, chromedp.Click(chromedp.ID("filters-done")))
	if eval[bool](t, ctx, `document.getElementById('filters').open`) {
		t.Fatal("the panel's Show button did not close it")
	}
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "filters-open" {
		t.Errorf("after closing the panel, focus is on %q, want the Filters button", id)
	}
	if label := eval[string](t, ctx, `document.getElementById('filters-open').textContent`); label != "Filters (2)" {
		t.Errorf("the Filters button says %q, want it to count the 2 filters", label)
	}
	chips := eval[[]string](t, ctx, `[...document.querySelectorAll('#chip-list button')].map((b) => b.textContent)`)
	if want := []string{"Remove Intensive outpatient (IOP) ×", "Remove Medicaid ×"}; !equal(chips, want) {
		t.Errorf("chips %q, want %q", chips, want)
	}
	shot(t, ctx, "phone-4-chips")
	do(t, ctx, chromedp.Click(chromedp.CSS(`#chip-list button[data-for="pay-medicaid"]`)))
	waitURL(t, ctx, `s === '?near=43215&radius=25&level=iop'`)
	s.compare(t, readPage(t, ctx))
	if eval[bool](t, ctx, `document.getElementById('pay-medicaid').checked`) {
		t.Error("the chip did not untick its filter")
	}
	do(t, ctx, chromedp.Click(chromedp.ID("clear-filters")))
	waitURL(t, ctx, `s === '?near=43215&radius=25'`)
	if !eval[bool](t, ctx, `document.getElementById('chips').hidden`) {
		t.Error("Clear all left the chips shown")
	}
}

func equal(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00")
}

// card is what a result card shows, read in the browser.
type card struct {
	ID         string  `json:"id"`
	Where      string  `json:"where"`
	Call       string  `json:"call"`
	CallHeight float64 `json:"callHeight"`
	Directions string  `json:"directions"`
	DirHeight  float64 `json:"dirHeight"`
	Levels     int     `json:"levels"`
	Asked      string  `json:"asked"`
	Checked    string  `json:"checked"`
}

const readCards = `[...document.querySelectorAll('#results > li')].slice(0, 25).map((li) => {
	const call = li.querySelector('a[href^="tel:"]');
	const dir = li.querySelector('a.directions');
	return { id: li.dataset.centerId, where: li.querySelector('.where').textContent,
		call: call ? call.getAttribute('href') : '', callHeight: call ? call.getBoundingClientRect().height : 0,
		directions: dir ? dir.href : '', dirHeight: dir ? dir.getBoundingClientRect().height : 0,
		levels: li.querySelectorAll('.badges li').length, asked: li.querySelector('.asked')?.textContent ?? '',
		checked: li.querySelector('.checked')?.textContent ?? '' };
})`

// TestPhoneCards reads the cards of a search on a phone: street and city,
// a Call button with the intake number first and a Directions button, both
// at least 44 px tall, the levels, the payment asked for, and the note on
// how fresh the details are, worded as the server's cards word it. Every
// control of the page is at least 24 px tall.
func TestPhoneCards(t *testing.T) {
	s := buildSite(t, 800, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	onPhone(t, ctx)
	open(t, ctx, base+"/?near=43215&radius=25&pay=medicaid")
	cards := eval[[]card](t, ctx, readCards)
	if len(cards) == 0 {
		t.Fatal("no cards")
	}
	byID := map[string]*struct{ street, city, intake, phone, verified string }{}
	for _, c := range s.site.Centers {
		byID[c.ID] = &struct{ street, city, intake, phone, verified string }{
			strings.ReplaceAll(c.Street, "\n", ", "), c.City, c.Intake.Digits, c.Phone.Digits, c.Verified}
	}
	var stale, fresh int
	for _, c := range cards {
		want := byID[c.ID]
		if !strings.Contains(c.Where, want.street+", "+want.city) || !strings.Contains(c.Where, " mi · ") {
			t.Errorf("%s: card says %q, want the distance, %q and the city", c.ID, c.Where, want.street)
		}
		number := want.phone
		if want.intake != "" {
			number = want.intake
		}
		if number != "" && !strings.HasPrefix(c.Call, "tel:+1"+number) {
			t.Errorf("%s: Call goes to %q, want %s (intake first)", c.ID, c.Call, number)
		}
		if number != "" && c.CallHeight < 44 || c.DirHeight < 44 {
			t.Errorf("%s: Call is %.0f px and Directions %.0f px tall, want at least 44", c.ID, c.CallHeight, c.DirHeight)
		}
		if !strings.HasPrefix(c.Directions, "https://www.google.com/maps/dir/?api=1&destination=") {
			t.Errorf("%s: Directions go to %q", c.ID, c.Directions)
		}
		if c.Levels == 0 || c.Asked != "Payment: Medicaid" {
			t.Errorf("%s: %d levels and %q, want the levels and the payment asked for", c.ID, c.Levels, c.Asked)
		}
		switch {
		case want.verified == "":
			if c.Checked != "We have not checked these details: call to confirm before you go" {
				t.Errorf("%s: never checked, card says %q", c.ID, c.Checked)
			}
			stale++
		case strings.HasPrefix(c.Checked, "Details last checked "):
			stale++
		case strings.HasPrefix(c.Checked, "Checked "):
			fresh++
		default:
			t.Errorf("%s: checked note %q", c.ID, c.Checked)
		}
	}
	if stale == 0 || fresh == 0 {
		t.Errorf("%d stale and %d fresh cards: the test needs both", stale, fresh)
	}
	// A card's note reads as the center page's does (the partial the
	// server draws it with).
	for _, c := range cards[:3] {
		do(t, ctx, chromedp.Navigate(base+"/centers/"+c.ID+"/"))
		if page := eval[string](t, ctx, `document.querySelector('.center .checked').textContent`); page != c.Checked {
			t.Errorf("%s: card says %q, center page %q", c.ID, c.Checked, page)
		}
	}
	do(t, ctx, chromedp.Navigate(base+"/?near=43215&radius=25&pay=medicaid"))
	waitResults(t, ctx)
	do(t, ctx, chromedp.Click(chromedp.ID("filters-open")))
	small := eval[[]string](t, ctx, `[...document.querySelectorAll('button, .button, summary, select, input, .chip')]
		.filter((el) => el.checkVisibility() && el.getBoundingClientRect().height < 24 && el.type !== 'checkbox')
		.map((el) => el.outerHTML.slice(0, 80))`)
	for _, el := range small {
		t.Errorf("control under 24 px tall: %s", el)
	}
	// A checkbox is small, but its label is its target.
	labels := eval[[]string](t, ctx, `[...document.querySelectorAll('#filters label')]
		.filter((el) => el.getBoundingClientRect().height < 24).map((el) => el.htmlFor)`)
	for _, l := range labels {
		t.Errorf("label of %s under 24 px tall", l)
	}
	// "What is this?" opens by tap, not as a title tooltip.
	do(t, ctx, chromedp.Click(chromedp.CSS("#facet-level .explain summary")))
	if !eval[bool](t, ctx, `document.querySelector('#facet-level .explain').open && document.querySelector('#facet-level .explain p').checkVisibility()`) {
		t.Error("tapping What is this? did not open the explanation")
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#filters label[title]').length`); n != 0 {
		t.Errorf("%d labels explain themselves only in a title tooltip", n)
	}
}

// TestPhoneNothingNearby searches far from every center: the page offers
// the nearest matching centers at any distance, as the Go search orders
// them, a wider radius and the helplines.
func TestPhoneNothingNearby(t *testing.T) {
	s := buildSite(t, 800, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	onPhone(t, ctx)
	const query = "near=59001&radius=5&level=iop"
	got := open(t, ctx, base+"/?"+query)
	s.compare(t, got)
	shot(t, ctx, "phone-5-nearest")
	v, _ := url.ParseQuery(query)
	q := s.site.ParseQuery(v)
	q.Radius = math.Inf(1)
	hits := s.site.Search(q)
	var want []string
	for _, h := range hits[:3] {
		want = append(want, h.ID)
	}
	nearest := eval[[]string](t, ctx, `[...document.querySelectorAll('#search-message .nearest > li')].map((li) => li.dataset.centerId)`)
	if !equal(nearest, want) {
		t.Errorf("nearest offered %v, want %v", nearest, want)
	}
	msg := eval[string](t, ctx, `document.getElementById('search-message').textContent`)
	wantMiles := fmt.Sprintf("The nearest is %d miles away", int(math.Round(hits[0].Miles)))
	for _, w := range []string{"No center within 5 miles", wantMiles, "Search within 10 miles", "988"} {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q lacks %q", msg, w)
		}
	}
}

// TestPhoneBadPlace types a bad ZIP code, then a city name, into the ZIP
// box: the first marks the box invalid with the message beside it, in
// plain words; the second is understood when a center is in that city.
func TestPhoneBadPlace(t *testing.T) {
	s := buildSite(t, 800, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	onPhone(t, ctx)
	open(t, ctx, base+"/")
	do(t, ctx, chromedp.SendKeys(chromedp.ID("near"), "4321x"), chromedp.KeyEvent(kb.Enter))
	waitURL(t, ctx, `s === '?near=4321x&radius=25'`)
	shot(t, ctx, "phone-6-bad-zip")
	field := eval[[]string](t, ctx, `(() => { const n = document.getElementById('near');
		return [n.getAttribute('aria-invalid'), n.getAttribute('aria-describedby'), document.getElementById('near-error').textContent, document.activeElement.id]; })()`)
	if field[0] != "true" || !strings.Contains(field[1], "near-error") {
		t.Errorf("bad ZIP: aria-invalid %q, aria-describedby %q, want true and the message", field[0], field[1])
	}
	if !strings.Contains(field[2], "not a ZIP code") || strings.Contains(field[2], "lat") {
		t.Errorf("bad ZIP: message %q, want plain words", field[2])
	}
	if field[3] != "near" {
		t.Errorf("bad ZIP: focus on %q, want the ZIP box", field[3])
	}
	if gap := box(t, ctx, "#near-error").Top - box(t, ctx, "#near").Bottom; gap < 0 || gap > 24 {
		t.Errorf("the message is %.0f px from the box, want it right beside it", gap)
	}

	// A city name: the directory has centers in Columbus, OH.
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('near').value = ''`), chromedp.SendKeys(chromedp.ID("near"), "columbus"), chromedp.KeyEvent(kb.Enter))
	waitURL(t, ctx, `s === '?near=columbus&radius=25'`)
	got := readPage(t, ctx)
	if !strings.Contains(got.Status, "within 25 miles of Columbus, OH") || len(got.IDs) == 0 {
		t.Errorf("a city: status %q with %d results", got.Status, len(got.IDs))
	}
	if eval[bool](t, ctx, `document.getElementById('near').hasAttribute('aria-invalid')`) {
		t.Error("a city: the box is still marked invalid")
	}
	// A city without a center points to the name box.
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('near').value = ''`), chromedp.SendKeys(chromedp.ID("near"), "Atlantis"), chromedp.KeyEvent(kb.Enter))
	waitURL(t, ctx, `s === '?near=Atlantis&radius=25'`)
	if msg := eval[string](t, ctx, `document.getElementById('near-error').textContent`); !strings.Contains(msg, "Name or city") {
		t.Errorf("unknown city: message %q does not point to the name box", msg)
	}
}

// TestPhoneFromTheGuide follows "Find <level> near you" from a level page
// and from the guide's table: the search opens with that level ticked and
// focus in the ZIP box.
func TestPhoneFromTheGuide(t *testing.T) {
	s := buildSite(t, 200, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	onPhone(t, ctx)
	for _, l := range s.site.Levels {
		do(t, ctx, chromedp.Navigate(base+"/levels/"+l.Code+"/"))
		text := eval[string](t, ctx, `document.querySelector('a[href$="#near"]')?.textContent ?? ''`)
		if want := "Find " + l.Title + " near you"; text != want {
			t.Errorf("level page %s: link %q, want %q", l.Code, text, want)
		}
	}
	do(t, ctx, chromedp.Navigate(base+"/levels/"))
	table := eval[[]string](t, ctx, `[...document.querySelectorAll('table a[href*="#near"]')].map((a) => a.getAttribute('href'))`)
	if len(table) != len(s.site.Levels) {
		t.Errorf("the guide's table links to %d searches %v, want one per level (%d)", len(table), table, len(s.site.Levels))
	}
	do(t, ctx, chromedp.Navigate(base+"/levels/iop/"), chromedp.Click(chromedp.CSS(`a[href$="#near"]`)))
	waitURL(t, ctx, `s === '?level=iop'`)
	got := eval[[]any](t, ctx, `[document.getElementById('level-iop').checked, document.activeElement.id]`)
	if got[0] != true || got[1] != "near" {
		t.Errorf("after Find IOP near you: level-iop ticked %v, focus on %v; want ticked and the ZIP box", got[0], got[1])
	}
}

// TestPhoneWithoutJavaScript: with scripts off the page offers no ZIP box
// it cannot run, and the state and level links come first.
func TestPhoneWithoutJavaScript(t *testing.T) {
	s := buildSite(t, 200, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	onPhone(t, ctx)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(base+"/"))
	shot(t, ctx, "phone-7-no-js")
	got := eval[[]any](t, ctx, `[document.getElementById('near').checkVisibility(), document.getElementById('filters-open').checkVisibility(),
		document.querySelector('.states-list a').checkVisibility(), document.querySelector('.browse').getBoundingClientRect().top]`)
	if got[0] == true || got[1] == true {
		t.Errorf("without JavaScript the ZIP box (%v) or the Filters button (%v) shows", got[0], got[1])
	}
	if got[2] != true {
		t.Error("without JavaScript the state links are not shown")
	}
	if top := got[3].(float64); top > phoneHeight {
		t.Errorf("without JavaScript browsing starts %.0f px down, below the first screen", top)
	}
}

// TestPhoneAccessibility runs axe-core on the phone layout with the filter
// panel closed and open: zero violations.
func TestPhoneAccessibility(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join(root, "node_modules/axe-core/axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed (run .ci/setup): %v", err)
	}
	s := buildSite(t, 400, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	onPhone(t, ctx)
	open(t, ctx, base+"/?near=43215&radius=25&level=iop&pay=medicaid")
	check := func(state string) {
		do(t, ctx, chromedp.Evaluate[chromedp.Void](string(axe)))
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.html))))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if raw != "[]" {
			t.Errorf("panel %s: axe-core: %s", state, raw)
		}
	}
	check("closed")
	do(t, ctx, chromedp.Click(chromedp.ID("filters-open")))
	check("open")
	do(t, ctx, chromedp.KeyEvent(kb.Escape))
	if eval[bool](t, ctx, `document.getElementById('filters').open`) {
		t.Error("Escape did not close the panel")
	}
	open(t, ctx, base+"/?near=59001&radius=5")
	check("closed, nothing nearby")
}

// TestPhoneBackToResults opens a center from a search: its page links back
// to the search, and says to call before going next to the call button.
func TestPhoneBackToResults(t *testing.T) {
	s := buildSite(t, 200, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	onPhone(t, ctx)
	open(t, ctx, base+"/?near=43215&radius=25&level=iop")
	do(t, ctx, chromedp.Click(chromedp.CSS("#results > li h3 a")))
	if err := waitFor(ctx, `!!document.querySelector('.back-link')`, 5*time.Second); err != nil {
		t.Fatalf("no Back to results link: %v", err)
	}
	shot(t, ctx, "phone-8-center")
	got := eval[[]string](t, ctx, `[document.querySelector('.back-link').getAttribute('href'), document.querySelector('.call-first')?.textContent ?? '']`)
	if want := base + "/?near=43215&radius=25&level=iop"; got[0] != want {
		t.Errorf("Back to results goes to %q, want %q", got[0], want)
	}
	if !strings.HasPrefix(got[1], "Call before you go: check they take your insurance and have a place") {
		t.Errorf("center page says %q, want the call-first note", got[1])
	}
	// Opened straight, not from a search, the page has no such link.
	do(t, ctx, chromedp.Navigate(eval[string](t, ctx, `location.href`)))
	if eval[bool](t, ctx, `!!document.querySelector('.back-link')`) {
		t.Error("a center page opened straight offers Back to results")
	}
}

// TestLinkFollowedRightAfterAChange ticks a level and, in the same task,
// before the search has run or the page has drawn a frame, follows a
// result: the URL must already hold the level, so that the center page's
// "Back to results" (from the referrer) returns to the search as the
// person left it. A page that wrote the URL only after its next frame
// failed it.
func TestLinkFollowedRightAfterAChange(t *testing.T) {
	s := buildSite(t, 200, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	open(t, ctx, base+"/?near=43215&radius=25")
	eval[bool](t, ctx, `(document.getElementById('level-iop').click(), document.querySelector('#results > li h3 a').click(), true)`)
	if err := waitFor(ctx, `!!document.querySelector('.back-link')`, 5*time.Second); err != nil {
		t.Fatalf("no Back to results link: %v", err)
	}
	if got, want := eval[string](t, ctx, `document.querySelector('.back-link').getAttribute('href')`), base+"/?near=43215&radius=25&level=iop"; got != want {
		t.Errorf("Back to results goes to %q, want %q, the search with the level just ticked", got, want)
	}
}
