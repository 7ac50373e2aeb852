// Package browsertest runs a site's pages in a real headless Chromium for
// tests: Start opens a tab and fails the test on any console error or
// uncaught exception the page causes; Serve publishes a built folder on the
// loopback address and fails the test on any request for a missing file.
//
// Chromium must be installed (.ci/run installs Debian's chromium package):
// without it the tests fail rather than skip, so that a machine without a
// browser cannot pass them by running nothing.
package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browsers are the executables Start looks for, in order; the
// CHROMIUM environment variable names another.
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Option changes how Start runs the browser.
type Option func(*config)

type config struct {
	allow []*regexp.Regexp
}

// AllowConsole lets console errors matching the regular expression pass, for
// a test that causes them on purpose (a file the server fails to send, say).
func AllowConsole(pattern string) Option {
	re := regexp.MustCompile(pattern)
	return func(c *config) { c.allow = append(c.allow, re) }
}

// Start launches a headless Chromium with a fresh profile and returns the
// context of one tab. The browser closes when the test ends; then the test
// fails if the page logged an error or threw an exception nothing caught.
func Start(t testing.TB, opts ...Option) context.Context {
	t.Helper()
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	ctx, cancel, err := Launch(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	console := collect(ctx, cfg.allow)
	t.Cleanup(func() {
		time.Sleep(50 * time.Millisecond) // let the last messages arrive
		cancel()
		for _, m := range console.errors() {
			t.Errorf("browser console: %s", m)
		}
	})
	return ctx
}

// Launch starts a headless Chromium with its profile in the empty folder
// dir, for programs that are not tests (benchmarks). It returns the
// context of one tab and the function that closes the browser.
func Launch(dir string) (context.Context, context.CancelFunc, error) {
	exe, err := FindChromium()
	if err != nil {
		return nil, nil, err
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(dir),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		return nil, nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	return ctx, func() { cancel(); cancelAlloc() }, nil
}

// FindChromium returns the path of the browser: the CHROMIUM environment
// variable, else the first of the usual names found on the PATH.
func FindChromium() (string, error) {
	names := browsers
	if env := os.Getenv("CHROMIUM"); env != "" {
		names = []string{env}
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium found (looked for %s): install it, e.g. apt-get install -y chromium", strings.Join(names, ", "))
}

// consoleLog keeps the console errors of a tab.
type consoleLog struct {
	mu   sync.Mutex
	errs []string
}

func (l *consoleLog) errors() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.errs...)
}

func collect(ctx context.Context, allow []*regexp.Regexp) *consoleLog {
	l := &consoleLog{}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type != chromedp.ConsoleError && !m.IsException() && m.Type != "assert" {
				continue
			}
			text := m.String()
			if m.URL != "" {
				text += " (" + m.URL + ")"
			}
			if !allowed(text, allow) {
				l.mu.Lock()
				l.errs = append(l.errs, text)
				l.mu.Unlock()
			}
		}
	}()
	return l
}

func allowed(text string, allow []*regexp.Regexp) bool {
	for _, re := range allow {
		if re.MatchString(text) {
			return true
		}
	}
	return false
}

// Serve publishes dir on a loopback address and returns its URL, without a
// final slash. A request for a file that does not exist fails the test:
// the browser would log it as an error, and a site must never make one.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	return ServeHandler(t, http.FileServer(http.Dir(dir)))
}

// ServeHandler is Serve for any handler; it fails the test on every
// response with a status of 400 or more.
func ServeHandler(t testing.TB, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		if rec.status >= 400 {
			t.Errorf("server: %s %s: status %d", r.Method, r.URL.RequestURI(), rec.status)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}
