package sitetest

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"treatmentdir/internal/browsertest"
	"treatmentdir/internal/build"
)

func must(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func js[T any](t *testing.T, ctx context.Context, src string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](src, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return v
}

// shownJS lists which of the selectors' first elements take space on the
// page (an element under a hidden ancestor has no boxes).
const shownJS = `(sels => Object.fromEntries(sels.map(s => {
  const el = document.querySelector(s);
  return [s, !!el && el.getClientRects().length > 0];
})))(%s)`

func shown(t *testing.T, ctx context.Context, sels ...string) map[string]bool {
	t.Helper()
	b, _ := json.Marshal(sels)
	return js[map[string]bool](t, ctx, strings.Replace(shownJS, "%s", string(b), 1))
}

func firstCenter(t *testing.T, dir string) string {
	centers, err := os.ReadDir(filepath.Join(dir, "centers"))
	if err != nil || len(centers) == 0 {
		t.Fatalf("no center pages: %v", err)
	}
	return "/centers/" + centers[0].Name() + "/"
}

// TestPrint emulates print media on the results and a center page: the
// search form, the buttons and the report form go; the phone numbers, the
// address and the helplines at the foot stay.
func TestPrint(t *testing.T) {
	dir := exampleSite(t)
	base := browsertest.Serve(t, dir)
	ctx := browsertest.Start(t)
	tests := []struct {
		page         string
		hide, remain []string
	}{
		{"/?near=43215&level=iop", []string{"#search", ".page-tools", "body > .helplines", ".site-header"},
			[]string{"#results li .phone", "#results li h3", ".site-footer .helplines"}},
		{firstCenter(t, dir), []string{".page-tools", ".report", "body > .helplines", ".actions a[href^='https://www.google.com/maps']"},
			[]string{".address", ".actions a[href^='tel:']", ".site-footer .helplines", "h1"}},
	}
	for _, tt := range tests {
		must(t, ctx, chromedp.Navigate(base+tt.page))
		if strings.HasPrefix(tt.page, "/?") {
			must(t, ctx, chromedp.WaitVisible(chromedp.CSS("#results li .phone")))
		}
		if on := shown(t, ctx, ".page-tools"); !on[".page-tools"] {
			t.Errorf("%s: the Print and Share buttons are not shown on screen", tt.page)
		}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		for sel, on := range shown(t, ctx, tt.hide...) {
			if on {
				t.Errorf("%s printed shows %s", tt.page, sel)
			}
		}
		for sel, on := range shown(t, ctx, tt.remain...) {
			if !on {
				t.Errorf("%s printed lacks %s", tt.page, sel)
			}
		}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestToolsNeedJavaScript: without JavaScript no button that cannot work
// is shown, and the report form is still there.
func TestToolsNeedJavaScript(t *testing.T) {
	dir := exampleSite(t)
	base := browsertest.Serve(t, dir)
	ctx := browsertest.Start(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	must(t, ctx, chromedp.Navigate(base+firstCenter(t, dir)))
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatal(err)
	}
	got := shown(t, ctx, ".page-tools", ".report summary")
	if got[".page-tools"] || !got[".report summary"] {
		t.Errorf("without JavaScript: %v, want no tools and the report form", got)
	}
}

// TestShare clicks Share on a phone: the share sheet gets the page's
// address; without one, the link is copied and the page says so.
func TestShare(t *testing.T) {
	dir := exampleSite(t)
	base := browsertest.Serve(t, dir)
	ctx := browsertest.Start(t)
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 390, Height: 844, DeviceScaleFactor: 3, Mobile: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: base,
		}); err != nil {
			t.Fatal(err)
		}
	}
	center := base + firstCenter(t, dir)

	// A browser with a share sheet: a stand-in records what it was given.
	must(t, ctx, chromedp.Navigate(center),
		chromedp.Evaluate[chromedp.Void](`navigator.share = d => { window.__shared = d; return Promise.resolve(); }; navigator.canShare = () => true`),
		chromedp.Click(chromedp.CSS("[data-tool=share]")))
	if got := js[string](t, ctx, `new Promise(r => setTimeout(() => r(window.__shared ? window.__shared.url : ''), 50))`); got != center {
		t.Errorf("share sheet got %q, want %q", got, center)
	}

	// Without one: the link is copied, and the page says so.
	must(t, ctx, chromedp.Navigate(base+"/?near=43215&level=iop"), chromedp.WaitVisible(chromedp.CSS("#results li")),
		chromedp.Evaluate[chromedp.Void](`navigator.share = undefined`),
		chromedp.Click(chromedp.CSS("[data-tool=share]")),
		chromedp.WaitVisible(chromedp.CSS(".tool-status:not(:empty)")))
	if got := js[string](t, ctx, `document.querySelector('.tool-status').textContent`); got != "Link copied" {
		t.Errorf("status says %q, want Link copied", got)
	}
	if got := js[string](t, ctx, `navigator.clipboard.readText()`); got != base+"/?near=43215&level=iop" && !strings.HasPrefix(got, base+"/?near=43215") {
		t.Errorf("clipboard holds %q, want the search's address", got)
	}
}

// TestReportUnderNetlifyHeaders opens the report form on a center page,
// served with netlify.toml's headers, and the thank-you page: axe-core
// finds nothing and the policy blocks nothing.
func TestReportUnderNetlifyHeaders(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join(repoRoot, "node_modules/axe-core/axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed (run .ci/setup): %v", err)
	}
	dir := exampleSite(t)
	base := browsertest.ServeHandler(t, netlifyHandler(dir, readNetlify(t)))
	ctx := browsertest.Start(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{firstCenter(t, dir), "/thanks/"} {
		must(t, ctx, chromedp.Navigate(base+p))
		if !strings.HasPrefix(p, "/thanks") {
			must(t, ctx, chromedp.Click(chromedp.CSS(".report summary")), chromedp.WaitVisible(chromedp.CSS(".report textarea")))
		}
		must(t, ctx, chromedp.Evaluate[chromedp.Void](string(axe)))
		reportAxe(t, ctx, p)
		if v := js[[]string](t, ctx, `window.__csp`); len(v) > 0 {
			t.Errorf("%s: Content-Security-Policy violations: %v", p, v)
		}
	}
}

// TestCityPagesValid builds the example site with city pages for states
// over 20 centers and runs the Nu HTML Checker and axe-core on a state page
// that lists cities and on a city page.
func TestCityPagesValid(t *testing.T) {
	jar := filepath.Join(repoRoot, "node_modules/vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	if _, serr := os.Stat(jar); serr != nil || err != nil {
		t.Fatalf("the Nu HTML Checker and java are needed (run .ci/setup): %v %v", serr, err)
	}
	fsys := os.DirFS(repoRoot)
	cfg, err := build.LoadConfig(fsys, repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	cfg.CityPagesOver = 20
	cfg.ResolveBaseURL("https://directory.example.org/", "")
	dir := t.TempDir()
	res, _, err := build.Publish(fsys, cfg, dir)
	if err != nil {
		t.Fatal(err)
	}
	var files, pages []string
	for _, st := range res.Site.States {
		if st.CityPages {
			pages = []string{st.URL(), st.Cities[0].URL()}
			files = append(files, filepath.Join(dir, pages[0], "index.html"), filepath.Join(dir, pages[1], "index.html"))
			break
		}
	}
	if len(files) == 0 {
		t.Fatal("no state has city pages")
	}
	axe, err := os.ReadFile(filepath.Join(repoRoot, "node_modules/axe-core/axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed (run .ci/setup): %v", err)
	}
	base := browsertest.Serve(t, dir)
	ctx := browsertest.Start(t)
	for _, p := range pages {
		must(t, ctx, chromedp.Navigate(base+p), chromedp.Evaluate[chromedp.Void](string(axe)))
		reportAxe(t, ctx, p)
	}
	out, err := exec.Command(java, append([]string{"-jar", jar, "--errors-only"}, files...)...).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Fatalf("the Nu HTML Checker found errors (%v):\n%s", err, out)
	}
}
