package searchtest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"treatmentdir/internal/browsertest"
)

// TestCenterWithoutCoordinatesFound: a center whose row has no lat/lon
// is found by a ZIP search in the browser, first since it sits on its ZIP
// code's centroid, and its page says the location is approximate.
func TestCenterWithoutCoordinatesFound(t *testing.T) {
	s := buildSite(t, 60, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	const id = "example-no-coordinates-columbus"
	got := open(t, ctx, base+"/?near=43215&radius=5")
	if len(got.IDs) == 0 || got.IDs[0] != id {
		t.Errorf("near=43215 lists %v, want %s first", head(got.IDs), id)
	}
	s.compare(t, got)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/centers/"+id+"/")); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "The location of this center is approximate") {
		t.Errorf("the center's page does not say its location is approximate:\n%s", text)
	}
}
