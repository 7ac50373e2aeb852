package serve

import (
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestDNSRebindingRefused: on loopback, a request whose Host is another
// name (a page that made its own name resolve to 127.0.0.1) is refused.
func TestDNSRebindingRefused(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("site")) })
	loop := allowHosts(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}, ok)
	lan := allowHosts(&net.TCPAddr{IP: net.IPv4(192, 168, 1, 5), Port: 1313}, ok)
	for _, tc := range []struct {
		name string
		h    http.Handler
		host string
		want int
	}{
		{"localhost", loop, "localhost:1313", 200},
		{"localhost with a final dot", loop, "localhost.:1313", 200},
		{"IPv4 loopback", loop, "127.0.0.1:1313", 200},
		{"IPv6 loopback", loop, "[::1]:1313", 200},
		{"rebinding name", loop, "attacker.example:1313", http.StatusMisdirectedRequest},
		{"name ending in localhost", loop, "localhost.attacker.example", http.StatusMisdirectedRequest},
		{"empty host", loop, "", http.StatusMisdirectedRequest},
		{"exposed on purpose", lan, "laptop.local:1313", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.Host = tc.host
			w := httptest.NewRecorder()
			tc.h.ServeHTTP(w, r)
			if w.Code != tc.want {
				t.Errorf("Host %q: %d, want %d", tc.host, w.Code, tc.want)
			}
		})
	}
}

// TestEventStreamsCapped: opening streams past the limit closes the
// oldest, so that thousands of them cannot exhaust the server's files.
func TestEventStreamsCapped(t *testing.T) {
	h := newHub()
	var ends []<-chan struct{}
	for range maxStreams + 3 {
		_, end, _ := h.subscribe()
		ends = append(ends, end)
	}
	if n := h.clientCount(); n != maxStreams {
		t.Errorf("%d streams open, want %d", n, maxStreams)
	}
	for i, end := range ends {
		select {
		case <-end:
			if i >= 3 {
				t.Errorf("stream %d closed, but only the 3 oldest should be", i)
			}
		default:
			if i < 3 {
				t.Errorf("stream %d, one of the oldest, still open", i)
			}
		}
	}
}
