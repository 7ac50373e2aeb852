package serve

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// startBrowser launches a headless Chromium ($CHROMIUM, else the first of
// the usual names found) and returns a tab. Without a browser the test
// fails rather than skips, so that a machine without one cannot pass it by
// running nothing; -short skips it.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a browser")
	}
	exe := os.Getenv("CHROMIUM")
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if exe != "" {
			break
		}
		exe, _ = exec.LookPath(name)
	}
	if exe == "" {
		t.Fatal("no Chromium found: install it or set CHROMIUM")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe), chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-dev-shm-usage", true),
	)
	browser, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(browser); err != nil { // starts the browser, which lives as long as browser
		t.Fatalf("starting %s: %v", exe, err)
	}
	failOnConsoleErrors(t, browser)
	tab, cancelTab := context.WithTimeout(browser, 15*time.Second)
	t.Cleanup(cancelTab)
	return tab
}

// failOnConsoleErrors fails the test, when it ends, if a page logged an
// error or threw an exception nothing caught.
func failOnConsoleErrors(t *testing.T, tab context.Context) {
	var mu sync.Mutex
	var errs []string
	go func() {
		for m, err := range chromedp.Console(tab) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				errs = append(errs, m.String())
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, e := range errs {
			t.Errorf("browser console: %s", e)
		}
	})
}

// text is the text of the first element that matches a CSS selector.
func text(t *testing.T, tab context.Context, selector string) string {
	t.Helper()
	s, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS(selector)))
	if err != nil {
		t.Fatalf("reading %s: %v", selector, err)
	}
	return s
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, tab context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// TestBrowserBannerAndReload opens a center page in Chromium, breaks the
// data, and checks that the page keeps its content and shows the errors
// as text in a banner; then fixes the data and checks that the page
// reloads with the new content and without the banner.
func TestBrowserBannerAndReload(t *testing.T) {
	root := fixture(t)
	s := start(t, root)
	tab := startBrowser(t)
	const banner = "#gen-serve-build-error"

	if err := chromedp.Do(tab, chromedp.Navigate(s.url+"/centers/beta-example-house-austin/")); err != nil {
		t.Fatal(err)
	}
	if title := text(t, tab, "h1"); !strings.Contains(title, "Beta Example House") {
		t.Fatalf("page title %q", title)
	}
	s.waitForClients(t, 1)

	// The bad value looks like markup: the banner must show it as text.
	csvPath := filepath.Join(root, "data", "centers.csv")
	writeFile(t, csvPath, strings.Replace(fixtureCSV, ",TX,", ",<b>TX</b>,", 1))
	if err := chromedp.Do(tab, chromedp.WaitVisible(chromedp.CSS(banner))); err != nil {
		t.Fatalf("no banner after a failed build: %v", err)
	}
	if errText := text(t, tab, banner+" pre"); !strings.Contains(errText, "centers.csv:3:") || !strings.Contains(errText, `"<b>TX</b>"`) {
		t.Errorf("banner text %q does not quote the error", errText)
	}
	if eval[bool](t, tab, `document.querySelector("`+banner+` b") !== null`) {
		t.Error("banner rendered the error text as HTML")
	}
	if title := text(t, tab, "h1"); !strings.Contains(title, "Beta Example House") {
		t.Errorf("page changed to %q after a failed build", title)
	}

	writeFile(t, csvPath, strings.Replace(fixtureCSV, "Beta Example House", "Beta Example Haven", 1))
	waitTrue(t, tab, `document.querySelector("h1")?.textContent.includes("Beta Example Haven")`)
	if eval[bool](t, tab, `document.querySelector("`+banner+`") !== null`) {
		t.Error("banner still shown after a good build")
	}
}

// waitTrue evaluates js until it is true. Unlike chromedp.Poll it lives
// through the page reloading under it.
func waitTrue(t *testing.T, tab context.Context, js string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still not true after %v (last error: %v)", js, wait, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitForClients waits until n pages listen to the event stream, so that
// a change made next is seen by them.
func (s *testServer) waitForClients(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for s.srv.hub.clientCount() < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d pages listening after %v, want %d", s.srv.hub.clientCount(), wait, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
