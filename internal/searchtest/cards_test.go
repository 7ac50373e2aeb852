package searchtest

import (
	"testing"

	"github.com/chromedp/chromedp"

	"treatmentdir/internal/browsertest"
)

// readCardsHTML is each card of the results list, as markup, by center.
const readCardsHTML = `Object.fromEntries([...document.querySelectorAll('#results > li')].map((li) => [li.dataset.centerId, li.outerHTML]))`

// TestCardsKeptAcrossAChange changes the filters and the place step by
// step and checks, after each step, that every card shown is the card a
// fresh page of the same URL draws (cards are kept and refilled in place,
// app.js's showFirst), and that a center listed before and after a change
// keeps its element: a filter change builds only the cards of centers new
// to the list.
func TestCardsKeptAcrossAChange(t *testing.T) {
	s := buildSite(t, 800, "/")
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.Start(t)
	fresh := browsertest.Start(t)
	// open shows every result ("Show more" until none are left): the
	// first change drops the cards it added.
	open(t, ctx, base+"/?near=43215&radius=50")
	steps := []struct{ name, id, url string }{
		{"tick a level", "level-iop", `s === '?near=43215&radius=50&level=iop'`},
		{"tick a payment", "pay-medicaid", `s === '?near=43215&radius=50&level=iop&pay=medicaid'`},
		{"untick the level", "level-iop", `s === '?near=43215&radius=50&pay=medicaid'`},
		{"untick the payment", "pay-medicaid", `s === '?near=43215&radius=50'`},
	}
	kept := 0
	for _, st := range steps {
		// Mark each card's element with its center, to find it again.
		eval[bool](t, ctx, `(document.querySelectorAll('#results > li').forEach((li) => { li.mark = li.dataset.centerId; }), true)`)
		do(t, ctx, chromedp.Click(chromedp.ID(st.id)))
		waitURL(t, ctx, st.url)
		waitResults(t, ctx)
		got := eval[map[string]string](t, ctx, readCardsHTML)
		kept += eval[int](t, ctx, `[...document.querySelectorAll('#results > li')].filter((li) => li.mark === li.dataset.centerId).length`)
		if n := eval[int](t, ctx, `[...document.querySelectorAll('#results > li')].filter((li) => li.mark && li.mark !== li.dataset.centerId).length`); n != 0 {
			t.Errorf("%s: %d cards show another center than the one they showed, want their centers' own cards", st.name, n)
		}
		u := eval[string](t, ctx, `location.href`)
		do(t, fresh, chromedp.Navigate(u))
		waitResults(t, fresh)
		want := eval[map[string]string](t, fresh, readCardsHTML)
		if len(got) != len(want) {
			t.Errorf("%s: %d cards, a fresh page of %s shows %d", st.name, len(got), u, len(want))
		}
		for id, html := range want {
			if got[id] != html {
				t.Errorf("%s: card of %s is\n%s\nwant, as a fresh page draws it,\n%s", st.name, id, got[id], html)
			}
		}
	}
	if kept == 0 {
		t.Error("no card was kept across a change: the test data should list some centers before and after")
	}
}
