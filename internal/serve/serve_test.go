package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"treatmentdir/internal/build"
)

// wait bounds every wait for the server; a rebuild of the fixture takes a
// few tens of milliseconds.
const wait = 5 * time.Second

const fixtureCSV = `id,name,street,city,state,zip,lat,lon,phone,website,levels,payment,medications,languages,verified
alpha-example-recovery-boston,Alpha Example Recovery,12 Elm Street,Boston,MA,02118,42.34,-71.07,(617) 555-0101,https://alpha.example.org/,detox;residential,medicaid;private,buprenorphine,English,2025-01-10
beta-example-house-austin,Beta Example House,400 Oak Lane,Austin,TX,78701,30.27,-97.74,(512) 555-0102,https://beta.example.org/,iop;outpatient,private;self-pay,,English;Spanish,2025-02-11
gamma-example-center-omaha,Gamma Example Center,1 Main Street,Omaha,NE,68102,41.26,-95.93,(402) 555-0103,,outpatient;aftercare,medicare,naltrexone,English,2025-03-12
`

// fixture copies the repository's content, layouts, static files and
// settings into a temporary site folder with a small centers.csv, and
// returns the folder.
func fixture(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, name := range []string{"content", "layouts", "static", "i18n", "site.toml", "data/zips.csv"} {
		if err := copyTree(filepath.Join("..", "..", name), filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(root, "data", "centers.csv"), fixtureCSV)
	return root
}

// copyTree copies a file, or a folder with everything in it.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// builder builds the site in root into out as gen does, less the flags.
func builder(root, out, baseURL string) func() (string, error) {
	return func() (string, error) {
		fsys := os.DirFS(root)
		cfg, err := build.LoadConfig(fsys, root)
		if err != nil {
			return "", err
		}
		if err := cfg.ResolveBaseURL(baseURL, ""); err != nil {
			return "", err
		}
		res, _, err := build.Publish(fsys, cfg, out)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("built %d pages", res.Pages), nil
	}
}

// testServer is a server running in the test's process.
type testServer struct {
	root, out, url string
	stderr         *syncBuffer
	srv            *server
	stop           func() error
}

// start runs a server for the site in root on a free port, as gen serve
// would, and stops it when the test ends.
func start(t *testing.T, root string) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &testServer{root: root, out: filepath.Join(root, "public"), url: "http://" + ln.Addr().String(), stderr: &syncBuffer{}}
	s.srv, err = newServer(Options{
		Dir:    s.out,
		Watch:  []string{filepath.Join(root, "data"), filepath.Join(root, "content"), filepath.Join(root, "layouts"), filepath.Join(root, "static"), filepath.Join(root, "site.toml")},
		Ignore: []string{s.out},
		Build:  builder(root, s.out, s.url+"/"),
		Stderr: s.stderr,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		defer s.srv.watcher.close()
		done <- s.srv.run(ctx, ln)
	}()
	s.stop = sync.OnceValue(func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(wait):
			return fmt.Errorf("server still running %v after cancel", wait)
		}
	})
	t.Cleanup(func() { s.stop() })
	return s
}

// get fetches a path and returns the status and body.
func (s *testServer) get(t *testing.T, path string) (int, string) {
	t.Helper()
	c := &http.Client{Timeout: wait}
	resp, err := c.Get(s.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// stream is an open /_gen/events connection.
type stream struct {
	events chan event
}

// openStream connects to the event stream and waits for its hello.
func (s *testServer) openStream(t *testing.T) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", s.url+"/_gen/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream has Content-Type %q", ct)
	}
	st := &stream{events: make(chan event, 16)}
	go st.read(resp.Body)
	st.next(t, eventHello)
	return st
}

// read parses the text/event-stream format into events.
func (st *stream) read(body io.ReadCloser) {
	defer body.Close()
	defer close(st.events)
	sc := bufio.NewScanner(body)
	var ev event
	var data []string
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if ev.name != "" {
				ev.data = strings.Join(data, "\n")
				st.events <- ev
			}
			ev, data = event{}, nil
		case strings.HasPrefix(line, "event: "):
			ev.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = append(data, strings.TrimPrefix(line, "data: "))
		}
	}
}

// next waits for the next event called name, passing over others: a
// save that reaches the watcher in two parts may be built twice.
func (st *stream) next(t *testing.T, name string) event {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case ev, ok := <-st.events:
			if !ok {
				t.Fatalf("event stream closed, waiting for %q", name)
			}
			if ev.name == name {
				return ev
			}
			t.Logf("passing over event %q (%q) while waiting for %q", ev.name, ev.data, name)
		case <-deadline:
			t.Fatalf("no %q event within %v", name, wait)
		}
	}
}

// syncBuffer is a strings.Builder that a server goroutine may write to
// while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// waitPage fetches path until it answers 200 with want in it. A reload
// event says a build has happened; a save that reached the watcher in two
// parts may need one more.
func (s *testServer) waitPage(t *testing.T, path, want string) string {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		status, body := s.get(t, path)
		if status == 200 && strings.Contains(body, want) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: no %q within %v; last status %d, body:\n%.2000s", path, want, wait, status, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// mustContain checks an HTTP response.
func mustContain(t *testing.T, what string, status int, body string, wantStatus int, want string) {
	t.Helper()
	if status != wantStatus || !strings.Contains(body, want) {
		t.Fatalf("%s: status %d, want %d with %q in:\n%.2000s", what, status, wantStatus, want, body)
	}
}

// TestServeRebuildsOnDataChange follows a maintainer's session: a changed
// row reaches the served page; a broken file is reported in the terminal
// and to the browser while the last good page stays served; the fix
// reloads the page.
func TestServeRebuildsOnDataChange(t *testing.T) {
	root := fixture(t)
	s := start(t, root)
	const page = "/centers/beta-example-house-austin/"

	status, body := s.get(t, page)
	mustContain(t, "first build", status, body, 200, "Beta Example House")
	if n := strings.Count(body, reloadTag); n != 1 {
		t.Errorf("served page has the reload tag %d times, want 1", n)
	}
	events := s.openStream(t)

	csvPath := filepath.Join(root, "data", "centers.csv")
	writeFile(t, csvPath, strings.Replace(fixtureCSV, "Beta Example House", "Beta Example Home", 1))
	events.next(t, eventReload)
	s.waitPage(t, page, "Beta Example Home")

	writeFile(t, csvPath, strings.Replace(fixtureCSV, ",TX,", ",ZZ,", 1))
	ev := events.next(t, eventBuildError)
	if !strings.Contains(ev.data, "centers.csv:3:") || !strings.Contains(ev.data, `state "ZZ"`) {
		t.Errorf("build-error event %q does not locate the bad state", ev.data)
	}
	if !strings.Contains(s.stderr.String(), `centers.csv:3:`) {
		t.Errorf("terminal did not get the error; stderr:\n%s", s.stderr.String())
	}
	status, body = s.get(t, page)
	mustContain(t, "last good build after an error", status, body, 200, "Beta Example Home")
	// A page opened while the build is broken gets the errors at once.
	late := s.openStream(t)
	if ev := late.next(t, eventBuildError); !strings.Contains(ev.data, "centers.csv:3:") {
		t.Errorf("late subscriber got %q", ev.data)
	}

	writeFile(t, csvPath, strings.Replace(fixtureCSV, "Beta Example House", "Beta Example Haven", 1))
	events.next(t, eventReload)
	late.next(t, eventReload)
	s.waitPage(t, page, "Beta Example Haven")

	if err := s.stop(); err != nil {
		t.Fatalf("stopping: %v", err)
	}
	assertNoReloadInOutput(t, s.out)
}

// assertNoReloadInOutput checks that the reload script lives only in what
// the server sends: the files gen writes are the files deployed.
func assertNoReloadInOutput(t *testing.T, out string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		if strings.Contains(string(b), "/_gen/") || strings.Contains(string(b), "reload.js") {
			t.Errorf("%s contains the reload script", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("only %d files in %s: the build did not run", n, out)
	}
}

// TestServeWatchesNewFolders checks that a folder created after the server
// started is watched: a page added to it, and then changed, is served.
func TestServeWatchesNewFolders(t *testing.T) {
	root := fixture(t)
	s := start(t, root)
	events := s.openStream(t)

	dir := filepath.Join(root, "content", "guides", "family")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	events.next(t, eventReload) // the folder alone is a change
	writeFile(t, filepath.Join(dir, "talking.md"), "+++\ntitle = \"Talking with family\"\n+++\nFirst draft.\n")
	events.next(t, eventReload)
	s.waitPage(t, "/guides/family/talking/", "First draft.")

	writeFile(t, filepath.Join(dir, "talking.md"), "+++\ntitle = \"Talking with family\"\n+++\nSecond draft.\n")
	events.next(t, eventReload)
	s.waitPage(t, "/guides/family/talking/", "Second draft.")
}

// TestServeNotFound checks that an unknown path gets the site's 404 page,
// with status 404 and the reload script.
func TestServeNotFound(t *testing.T) {
	s := start(t, fixture(t))
	status, body := s.get(t, "/centers/no-such-center/")
	mustContain(t, "unknown center", status, body, 404, "Page not found")
	mustContain(t, "unknown center", status, body, 404, reloadTag)
}

// TestServeStartsWithBrokenData checks that a server whose first build
// fails still starts, shows the errors, and serves the site once fixed.
func TestServeStartsWithBrokenData(t *testing.T) {
	root := fixture(t)
	csvPath := filepath.Join(root, "data", "centers.csv")
	writeFile(t, csvPath, strings.Replace(fixtureCSV, "detox;residential", "detoxx", 1))
	s := start(t, root)
	events := s.openStream(t)
	if ev := events.next(t, eventBuildError); !strings.Contains(ev.data, "centers.csv:2:") {
		t.Errorf("build-error event %q does not locate the bad level", ev.data)
	}
	status, body := s.get(t, "/")
	mustContain(t, "nothing built yet", status, body, 404, reloadTag)

	writeFile(t, csvPath, fixtureCSV)
	events.next(t, eventReload)
	s.waitPage(t, "/centers/alpha-example-recovery-boston/", "Alpha Example Recovery")
}
