package serve

import (
	"net"
	"net/http"
	"strings"
)

// allowHosts guards a server listening on a loopback address against DNS
// rebinding: a web page from anywhere can make its own name resolve to
// 127.0.0.1 and then read the preview with the browser's credentials, but
// its requests still carry its own name as Host. On loopback only
// localhost, 127.0.0.1, [::1] and the address the server listens on are
// answered. A server bound to another address was exposed on purpose, and
// is reached by whatever name the network gives it.
func allowHosts(addr net.Addr, next http.Handler) http.Handler {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !tcp.IP.IsLoopback() {
		return next
	}
	own := tcp.IP.String()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !loopbackHost(r.Host, own) {
			http.Error(w, "this preview answers only to localhost, 127.0.0.1 and [::1]", http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether the Host header names this machine.
func loopbackHost(host, own string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	switch host {
	case "localhost", "127.0.0.1", "::1", own:
		return true
	}
	return false
}
