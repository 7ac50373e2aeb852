package sitetest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"treatmentdir/internal/browsertest"
)

// netlifyConfig is the part of netlify.toml a static host acts on.
type netlifyConfig struct {
	Build struct {
		Command string `toml:"command"`
		Publish string `toml:"publish"`
	} `toml:"build"`
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
	Redirects []struct {
		From   string `toml:"from"`
		To     string `toml:"to"`
		Status int    `toml:"status"`
	} `toml:"redirects"`
}

func readNetlify(t *testing.T) netlifyConfig {
	t.Helper()
	var cfg netlifyConfig
	if _, err := toml.DecodeFile(filepath.Join(repoRoot, "netlify.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// matches reports whether a Netlify path pattern ("/*", "/assets/*") covers p.
func matches(pattern, p string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(p, prefix)
	}
	return pattern == p
}

// netlifyHandler serves dir as Netlify would with cfg: the headers of every
// matching rule, and the 404 rule's page for a path with no file.
func netlifyHandler(dir string, cfg netlifyConfig) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, h := range cfg.Headers {
			if matches(h.For, r.URL.Path) {
				for k, v := range h.Values {
					w.Header().Set(k, v)
				}
			}
		}
		name := filepath.Join(dir, filepath.FromSlash(path.Clean(r.URL.Path)))
		if fi, err := os.Stat(name); err == nil && fi.IsDir() {
			name = filepath.Join(name, "index.html")
		}
		if _, err := os.Stat(name); err != nil {
			for _, rd := range cfg.Redirects {
				if rd.Status == http.StatusNotFound && matches(rd.From, r.URL.Path) {
					w.Header().Set("Content-Type", "text/html; charset=utf-8")
					w.WriteHeader(http.StatusNotFound)
					b, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rd.To)))
					w.Write(b)
					return
				}
			}
		}
		files.ServeHTTP(w, r)
	})
}

// TestNetlifySettings checks the promises netlify.toml makes.
func TestNetlifySettings(t *testing.T) {
	cfg := readNetlify(t)
	if cfg.Build.Publish != "public" || !strings.Contains(cfg.Build.Command, "go run ./cmd/gen") {
		t.Errorf("build: %+v", cfg.Build)
	}
	all := map[string]string{}
	for _, h := range cfg.Headers {
		if h.For == "/*" {
			all = h.Values
		}
	}
	csp := all["Content-Security-Policy"]
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "*"} {
		if strings.Contains(strings.ReplaceAll(csp, "/*", ""), bad) {
			t.Errorf("Content-Security-Policy allows %s: %s", bad, csp)
		}
	}
	for _, want := range []string{"script-src 'self'", "style-src 'self'", "default-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy lacks %s", want)
		}
	}
	if all["X-Content-Type-Options"] != "nosniff" || all["Referrer-Policy"] == "" {
		t.Errorf("headers for /*: %v", all)
	}
	if !strings.Contains(all["Permissions-Policy"], "geolocation=(self)") {
		t.Errorf("Permissions-Policy %q does not allow geolocation for the site itself", all["Permissions-Policy"])
	}
	dir := exampleSite(t)
	srv := httpServer(t, netlifyHandler(dir, cfg))
	assets, _ := os.ReadDir(filepath.Join(dir, "assets"))
	if len(assets) == 0 {
		t.Fatal("no assets published")
	}
	resp := get(t, srv+"/assets/"+assets[0].Name())
	if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
		t.Errorf("an asset is served with Cache-Control %q", cc)
	}
	resp = get(t, srv+"/no/such/page/")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), "<h1>Page not found</h1>") {
		t.Errorf("unknown path: status %d, body %.80q", resp.StatusCode, body)
	}
}

// cspWatch records every Content-Security-Policy violation of a page.
const cspWatch = `window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`

// TestPagesUnderNetlifyHeaders opens a search, a center, a level and a
// state page served with exactly the headers of netlify.toml: no policy
// violation and no console error.
func TestPagesUnderNetlifyHeaders(t *testing.T) {
	dir := exampleSite(t)
	base := browsertest.ServeHandler(t, netlifyHandler(dir, readNetlify(t)))
	ctx := browsertest.Start(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch}); err != nil {
		t.Fatal(err)
	}
	centers, _ := os.ReadDir(filepath.Join(dir, "centers"))
	pages := []string{
		"/?near=43215&level=iop&pay=medicaid",
		"/centers/" + centers[0].Name() + "/",
		"/levels/iop/",
		"/states/oh/",
	}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p)); err != nil {
			t.Fatal(err)
		}
		if p[1] == '?' {
			if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#results li"))); err != nil {
				t.Fatal(err)
			}
		}
		violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp`))
		if err != nil {
			t.Fatal(err)
		}
		if len(violations) > 0 {
			t.Errorf("%s: Content-Security-Policy violations: %v", p, violations)
		}
	}
}

// httpServer serves h on loopback for plain requests, 404s included.
func httpServer(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func get(t *testing.T, url string) *http.Response {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}
