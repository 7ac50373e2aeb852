package serve

import (
	"bytes"
	_ "embed"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// reloadTag is what the server adds to every HTML page it sends.
const reloadTag = `<script src="/_gen/reload.js" defer></script>`

//go:embed reload.js
var reloadScript []byte

// serveReloadScript sends the script that reloads the page.
func serveReloadScript(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, "reload.js", time.Time{}, bytes.NewReader(reloadScript))
}

// files serves the output folder as a static host would: folder/ means
// folder/index.html, a folder without its slash is redirected, and an
// unknown path gets 404.html with status 404. HTML gets the reload tag.
type files struct {
	dir      string
	basePath string // "/" or "/directory/"
}

func (f *files) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// Browsers must always ask again: the next build may change any file.
	w.Header().Set("Cache-Control", "no-store")
	rel, ok := strings.CutPrefix(r.URL.Path, f.basePath)
	if !ok {
		if r.URL.Path == "/" || r.URL.Path+"/" == f.basePath {
			http.Redirect(w, r, f.basePath, http.StatusFound)
			return
		}
		f.notFound(w, r)
		return
	}
	f.serveFile(w, r, rel)
}

// serveFile sends the file at rel, a path under the output folder.
func (f *files) serveFile(w http.ResponseWriter, r *http.Request, rel string) {
	name := strings.TrimSuffix(rel, "/")
	if name == "" {
		name = "."
	}
	if !fs.ValidPath(name) || private(name) {
		f.notFound(w, r)
		return
	}
	fsys := os.DirFS(f.dir)
	fi, err := fs.Stat(fsys, name)
	switch {
	case err != nil:
		f.notFound(w, r)
		return
	case fi.IsDir() && !strings.HasSuffix(r.URL.Path, "/"):
		redirectToFolder(w, r)
		return
	case fi.IsDir():
		name = path.Join(name, "index.html")
	case rel != name: // a file asked for as a folder: file/
		f.notFound(w, r)
		return
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		f.notFound(w, r)
		return
	}
	if isHTML(name) {
		data = injectReload(data)
	}
	http.ServeContent(w, r, path.Base(name), time.Time{}, bytes.NewReader(data))
}

// private reports whether name is one of the build's own bookkeeping
// files (.gen-manifest, .gen-staging/), which a host would not publish.
func private(name string) bool {
	first, _, _ := strings.Cut(name, "/")
	return strings.HasPrefix(first, ".gen-")
}

func redirectToFolder(w http.ResponseWriter, r *http.Request) {
	u := *r.URL
	u.Path += "/"
	http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
}

// notFound sends the site's 404.html with status 404, or a plain page
// when there is none (say, the first build failed), so that the reload
// script still runs and shows the errors.
func (f *files) notFound(w http.ResponseWriter, r *http.Request) {
	page, err := os.ReadFile(filepath.Join(f.dir, "404.html"))
	if err != nil {
		page = []byte("<!doctype html>\n<title>Not found</title>\n<body>\n<h1>Not found</h1>\n" +
			"<p>Nothing is published at this address, and the site has no 404.html.</p>\n</body>\n")
	}
	page = injectReload(page)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

func isHTML(name string) bool {
	return strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm")
}

// injectReload returns a copy of page with the reload tag before its last
// </body>, or at its end when it has none. The page is not parsed: a
// generated page ends with </body></html>, and a tag after the end of a
// page still runs.
func injectReload(page []byte) []byte {
	i := lastIndexASCIIFold(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(reloadTag))
	out = append(out, page[:i]...)
	out = append(out, reloadTag...)
	return append(out, page[i:]...)
}

// lastIndexASCIIFold is bytes.LastIndex ignoring ASCII case; sep must be
// lower case. Unlike bytes.ToLower, it keeps every byte where it was.
func lastIndexASCIIFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if asciiEqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

func asciiEqualFold(s, lower []byte) bool {
	for i, c := range s {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
