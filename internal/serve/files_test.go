package serve

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

func TestInjectReload(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"before body end", "<p>x</p></body></html>", "<p>x</p>" + reloadTag + "</body></html>"},
		{"upper case", "<P>x</BODY></HTML>", "<P>x" + reloadTag + "</BODY></HTML>"},
		{"no body end", "<p>x", "<p>x" + reloadTag},
		{"empty", "", reloadTag},
		// A "</body>" quoted in the page's text comes before the real one.
		{"last body end", "<pre>&lt;/body></body></pre></body>", "<pre>&lt;/body></body></pre>" + reloadTag + "</body>"},
		// Non-ASCII text before the tag keeps its bytes where they were.
		{"non-ASCII", "<p>İstanbul café</p></body>", "<p>İstanbul café</p>" + reloadTag + "</body>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := []byte(tt.page)
			if got := string(injectReload(page)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if string(page) != tt.page {
				t.Errorf("injectReload changed its argument to %q", page)
			}
		})
	}
}

// TestFiles checks the file handler against what static hosts do.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"index.html":               "<title>Home</title><body>home</body>",
		"404.html":                 "<body>Page not found</body>",
		"about/index.html":         "<body>about</body>",
		"style.abc.css":            "body { color: red }",
		"robots.txt":               "User-agent: *",
		".well-known/security.txt": "Contact: mailto:x@example.org",
		".gen-manifest":            "index.html\n",
		".gen-staging/index.html":  "<body>half built</body>",
	} {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
	tests := []struct {
		name, method, path string
		status             int
		body               string // contained in the response
		location           string
		reload             bool // the reload tag is in the body
	}{
		{name: "home", path: "/", status: 200, body: "home", reload: true},
		{name: "folder index", path: "/about/", status: 200, body: "about", reload: true},
		{name: "folder without slash", path: "/about", status: 301, location: "/about/"},
		{name: "folder without slash keeps query", path: "/about?q=x", status: 301, location: "/about/?q=x"},
		{name: "index by name", path: "/about/index.html", status: 200, body: "about", reload: true},
		{name: "css untouched", path: "/style.abc.css", status: 200, body: "color: red"},
		{name: "text untouched", path: "/robots.txt", status: 200, body: "User-agent"},
		{name: "well-known served", path: "/.well-known/security.txt", status: 200, body: "Contact"},
		{name: "unknown path", path: "/nope/", status: 404, body: "Page not found", reload: true},
		{name: "unknown asset", path: "/app.js", status: 404, body: "Page not found", reload: true},
		{name: "file as folder", path: "/robots.txt/", status: 404, body: "Page not found", reload: true},
		{name: "manifest hidden", path: "/.gen-manifest", status: 404, body: "Page not found", reload: true},
		{name: "staging hidden", path: "/.gen-staging/index.html", status: 404, body: "Page not found", reload: true},
		{name: "head", method: "HEAD", path: "/about/", status: 200},
		{name: "post", method: "POST", path: "/", status: 405},
		{name: "reload script", path: "/_gen/reload.js", status: 200, body: "EventSource"},
	}
	h := (&server{opts: Options{Dir: dir, BasePath: "/"}, hub: newHub()}).handler()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkResponse(t, h, tt.method, tt.path, tt.status, tt.body, tt.location, tt.reload)
		})
	}
}

// TestFilesBasePath checks a site served under a sub-folder, as when
// -base-url names one.
func TestFilesBasePath(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "index.html"), "<body>home</body>")
	h := (&server{opts: Options{Dir: dir, BasePath: "/directory/"}, hub: newHub()}).handler()
	checkResponse(t, h, "GET", "/", 302, "", "/directory/", false)
	checkResponse(t, h, "GET", "/directory", 302, "", "/directory/", false)
	checkResponse(t, h, "GET", "/directory/", 200, "home", "", true)
	checkResponse(t, h, "GET", "/index.html", 404, "Not found", "", true)
	checkResponse(t, h, "GET", "/_gen/reload.js", 200, "EventSource", "", false)
}

// TestFilesNoOutput checks the answer before any build has succeeded: a
// page that runs the reload script, so that it shows the errors.
func TestFilesNoOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	h := (&server{opts: Options{Dir: dir, BasePath: "/"}, hub: newHub()}).handler()
	checkResponse(t, h, "GET", "/", 404, "no 404.html", "", true)
}

func checkResponse(t *testing.T, h http.Handler, method, path string, status int, body, location string, reload bool) {
	t.Helper()
	if method == "" {
		method = "GET"
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	got := rec.Body.String()
	if rec.Code != status {
		t.Fatalf("%s %s: status %d, want %d; body %q", method, path, rec.Code, status, got)
	}
	if !strings.Contains(got, body) {
		t.Errorf("%s %s: body %q does not contain %q", method, path, got, body)
	}
	if loc := rec.Header().Get("Location"); loc != location {
		t.Errorf("%s %s: Location %q, want %q", method, path, loc, location)
	}
	if has := strings.Contains(got, reloadTag); has != reload {
		t.Errorf("%s %s: reload tag present = %v, want %v", method, path, has, reload)
	}
	if method == "HEAD" && got != "" {
		t.Errorf("HEAD %s: body %q", path, got)
	}
	if cc := rec.Header().Get("Cache-Control"); status != 405 && cc != "no-store" {
		t.Errorf("%s %s: Cache-Control %q, want no-store", method, path, cc)
	}
}

func TestWriteEvent(t *testing.T) {
	var b strings.Builder
	writeEvent(&b, event{eventBuildError, "a.csv:1:2: one\r\nb.csv:3:4: two"})
	want := "event: build-error\ndata: a.csv:1:2: one\ndata: b.csv:3:4: two\n\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
