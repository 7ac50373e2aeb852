package serve

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Event names on the stream; see the package documentation.
const (
	eventHello      = "hello"
	eventReload     = "reload"
	eventBuildError = "build-error"
)

// keepAlive is how often an idle stream gets a comment line, so that
// proxies and browsers do not close it for want of traffic.
const keepAlive = 30 * time.Second

// event is one server-sent event.
type event struct {
	name, data string
}

// hub tracks the state of the builds and sends it to every open page.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
	run     string // tells this server's versions from an earlier one's
	builds  int    // good builds so far
	failure string // the errors of the last build, "" when it was good
}

func newHub() *hub {
	return &hub{clients: map[chan event]bool{}, run: strconv.FormatInt(time.Now().UnixNano(), 36)}
}

// version names the site being served: it changes with every good build.
// The caller holds h.mu.
func (h *hub) version() string {
	return h.run + "." + strconv.Itoa(h.builds)
}

// built records a good build and tells every page to reload.
func (h *hub) built() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.builds++
	h.failure = ""
	h.broadcast(event{eventReload, h.version()})
}

// failed records a failed build and sends its errors to every page.
func (h *hub) failed(errs string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.failure = errs
	h.broadcast(event{eventBuildError, errs})
}

// broadcast queues ev for every client. A client too slow to keep up
// loses its oldest event rather than holding up the builds. The caller
// holds h.mu, so no one else sends on the channels.
func (h *hub) broadcast(ev event) {
	for ch := range h.clients {
		select {
		case ch <- ev:
			continue
		default:
		}
		select {
		case <-ch:
		default:
		}
		select {
		case ch <- ev:
		default:
		}
	}
}

// subscribe adds a client and returns what it must be told first.
func (h *hub) subscribe() (chan event, []event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan event, 8)
	h.clients[ch] = true
	first := []event{{eventHello, h.version()}}
	if h.failure != "" {
		first = append(first, event{eventBuildError, h.failure})
	}
	return ch, first
}

// clientCount is how many pages are listening.
func (h *hub) clientCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, ch)
}

// ServeHTTP streams events to one page until it goes away or the server
// shuts down.
func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch, first := h.subscribe()
	defer h.unsubscribe(ch)
	io.WriteString(w, "retry: 1000\n\n") // reconnect within a second of a restart
	for _, ev := range first {
		writeEvent(w, ev)
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-ch:
			writeEvent(w, ev)
		case <-tick.C:
			io.WriteString(w, ": keep-alive\n\n")
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// writeEvent writes ev in the text/event-stream format, one data line per
// line of its text.
func writeEvent(w io.Writer, ev event) {
	var b strings.Builder
	fmt.Fprintf(&b, "event: %s\n", ev.name)
	for line := range strings.SplitSeq(strings.ReplaceAll(ev.data, "\r", ""), "\n") {
		fmt.Fprintf(&b, "data: %s\n", line)
	}
	b.WriteString("\n")
	io.WriteString(w, b.String())
}
