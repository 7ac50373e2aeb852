package serve

import (
	"fmt"
	"io"
	"net/http"
	"slices"
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

// maxStreams is how many event streams a server keeps open. Each holds a
// connection and a file descriptor; a page that opens thousands (or a
// hostile one) would exhaust them. Past the limit the oldest stream is
// closed: its page, if still open, reconnects within a second.
const maxStreams = 64

// hub tracks the state of the builds and sends it to every open page.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]chan struct{} // each stream's events, and a channel closed to end it
	order   []chan event                 // the streams, oldest first
	run     string                       // tells this server's versions from an earlier one's
	builds  int                          // good builds so far
	failure string                       // the errors of the last build, "" when it was good
}

func newHub() *hub {
	return &hub{clients: map[chan event]chan struct{}{}, run: strconv.FormatInt(time.Now().UnixNano(), 36)}
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

// subscribe adds a client and returns its events, a channel closed when
// it must go (see maxStreams), and what it must be told first.
func (h *hub) subscribe() (chan event, <-chan struct{}, []event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for len(h.order) >= maxStreams {
		h.drop(h.order[0])
	}
	ch, end := make(chan event, 8), make(chan struct{})
	h.clients[ch] = end
	h.order = append(h.order, ch)
	first := []event{{eventHello, h.version()}}
	if h.failure != "" {
		first = append(first, event{eventBuildError, h.failure})
	}
	return ch, end, first
}

// drop ends the stream ch, if it is still open. The caller holds h.mu.
func (h *hub) drop(ch chan event) {
	end, ok := h.clients[ch]
	if !ok {
		return
	}
	close(end)
	delete(h.clients, ch)
	h.order = slices.DeleteFunc(h.order, func(c chan event) bool { return c == ch })
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
	h.drop(ch)
}

// ServeHTTP streams events to one page until it goes away or the server
// shuts down.
func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch, end, first := h.subscribe()
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
		case <-end:
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
