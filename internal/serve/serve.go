// Package serve is the development server behind gen serve: it serves the
// output folder over HTTP, rebuilds the site when its sources change, and
// reloads the pages open in a browser.
//
// # Reloading
//
// Every HTML response gets one line before </body>:
//
//	<script src="/_gen/reload.js" defer></script>
//
// The script is served from /_gen/reload.js and listens to server-sent
// events on /_gen/events. It is added as the file is served, never written
// to the output folder, so what gen writes is what gets deployed. The
// script is an external file, not inline, so that a strict
// Content-Security-Policy (script-src 'self') allows it.
//
// The event stream carries three kinds of event:
//
//	hello        on connecting: the version of the site being served
//	reload       after a good build: the new version
//	build-error  after a failed build: the errors, one per line
//
// A failed build leaves the output folder as it was (see build.DirWriter),
// so the last good site stays served; the script shows the errors in a
// banner over the page until a good build reloads it. A page that connects
// while the last build has failed gets the errors straight away. When the
// connection drops and comes back (the server restarted, the laptop slept),
// a hello with a version other than the page's reloads it. The error event
// is not called "error" because EventSource uses that name for its own
// connection errors.
//
// # Watching
//
// fsnotify watches one folder at a time, so every folder of a watched tree
// is added, and folders created later are added as they appear. A watched
// file is watched through its folder, so that an editor that saves by
// writing a new file and renaming it over the old one is still seen.
// Changes are gathered until none has come for the debounce interval, then
// the site is built once.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"time"
)

// DefaultDebounce is how long the server waits after a change for more
// changes before it builds: long enough to take in an editor's save or a
// git checkout as one change, short enough not to be noticed.
const DefaultDebounce = 100 * time.Millisecond

// Options configure a server.
type Options struct {
	// Dir is the output folder: Build writes it, the server serves it.
	Dir string
	// BasePath is the path part of the site's base URL, "/" or
	// "/directory/": the site is served under it.
	BasePath string
	// URL is the address the server announces when it is ready.
	URL string
	// Watch lists the folders (each with everything in it) and files
	// whose changes trigger a build. They need not exist yet.
	Watch []string
	// Ignore lists folders whose changes never trigger a build, such as
	// the output folder when it lies inside a watched one.
	Ignore []string
	// Build builds the site into Dir and returns a one-line summary. On
	// error it must leave Dir as it was.
	Build func() (summary string, err error)
	// Debounce is the quiet time before a build; 0 means DefaultDebounce.
	Debounce time.Duration
	// Stdout receives a line per build, Stderr the errors of failed builds.
	Stdout, Stderr io.Writer
}

// server is one run of Run.
type server struct {
	opts    Options
	hub     *hub
	watcher *watcher
}

// Run builds the site, serves it on ln, and rebuilds on every change until
// ctx is done. A failed build does not stop it: the errors go to Stderr and
// to the browser. It returns nil once ctx is done and the server has shut
// down, or an error when it cannot watch or serve. It closes ln.
func Run(ctx context.Context, ln net.Listener, opts Options) error {
	s, err := newServer(opts)
	if err != nil {
		ln.Close()
		return err
	}
	defer s.watcher.close()
	return s.run(ctx, ln)
}

// newServer fills in the defaults and starts watching.
func newServer(opts Options) (*server, error) {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	w, err := newWatcher(opts.Watch, opts.Ignore)
	if err != nil {
		return nil, err
	}
	return &server{opts: opts, hub: newHub(), watcher: w}, nil
}

// run builds, then serves and rebuilds until ctx is done.
func (s *server) run(ctx context.Context, ln net.Listener) error {
	s.build(nil) // after watching starts, so that no change goes unseen
	srv := &http.Server{
		Handler:           allowHosts(ln.Addr(), s.handler()),
		BaseContext:       func(net.Listener) context.Context { return ctx }, // ends event streams on shutdown
		ReadHeaderTimeout: 10 * time.Second,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if s.opts.URL != "" {
		fmt.Fprintf(s.opts.Stdout, "serving %s at %s (ctrl-C to stop)\n", s.opts.Dir, s.opts.URL)
	}
	err := s.loop(ctx, served)
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if serr := srv.Shutdown(shutdown); err == nil && serr != nil && !errors.Is(serr, context.DeadlineExceeded) {
		err = serr
	}
	return err
}

// loop gathers changes and builds after each quiet interval, until ctx is
// done or the server stops.
func (s *server) loop(ctx context.Context, served <-chan error) error {
	quiet := time.NewTimer(s.opts.Debounce)
	quiet.Stop()
	var changed []string
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-served:
			return fmt.Errorf("serving: %w", err)
		case ev, ok := <-s.watcher.events():
			if !ok {
				return errors.New("watching: the watcher stopped")
			}
			if name, ok := s.watcher.handle(ev, s.opts.Stderr); ok {
				changed = appendOnce(changed, name)
				quiet.Reset(s.opts.Debounce)
			}
		case err, ok := <-s.watcher.errors():
			if !ok {
				return errors.New("watching: the watcher stopped")
			}
			fmt.Fprintf(s.opts.Stderr, "watching: %v\n", err)
		case <-quiet.C:
			s.build(changed)
			changed = nil
		}
	}
}

// build runs one build and tells the browsers how it went.
func (s *server) build(changed []string) {
	prefix := ""
	if len(changed) > 0 {
		prefix = describeChanges(changed) + ": "
	}
	summary, err := s.opts.Build()
	if err != nil {
		fmt.Fprintf(s.opts.Stderr, "%s\n%sbuild failed; still serving the last good build\n", err, prefix)
		s.hub.failed(err.Error())
		return
	}
	fmt.Fprintf(s.opts.Stdout, "%s%s\n", prefix, summary)
	s.hub.built()
}

// describeChanges names the changed files briefly: "data/centers.csv
// changed" or "data/centers.csv and 3 more changed". Files that are gone
// again (an editor's temporary files) are left out when others remain.
func describeChanges(names []string) string {
	existing := slices.DeleteFunc(slices.Clone(names), func(name string) bool {
		_, err := os.Stat(name)
		return err != nil
	})
	if len(existing) > 0 {
		names = existing
	}
	if len(names) == 1 {
		return names[0] + " changed"
	}
	return fmt.Sprintf("%s and %d more changed", names[0], len(names)-1)
}

func appendOnce(names []string, name string) []string {
	for _, n := range names {
		if n == name {
			return names
		}
	}
	return append(names, name)
}

// handler routes the reload script and event stream, and the site.
func (s *server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_gen/reload.js", serveReloadScript)
	mux.Handle("GET /_gen/events", s.hub)
	mux.Handle("/", &files{dir: s.opts.Dir, basePath: s.opts.BasePath})
	return mux
}
