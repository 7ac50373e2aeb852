package searchtest

import (
	"context"
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
