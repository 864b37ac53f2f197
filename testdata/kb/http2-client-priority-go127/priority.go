// Package priority exercises HTTP/2 servers, which honour RFC 9218 client priorities since Go 1.27.
package priority

import "net/http"

func server(h http.Handler) *http.Server {
	return &http.Server{Addr: ":443", Handler: h} // want http2-client-priority-go127
}

func serveTLS(h http.Handler) error {
	return http.ListenAndServeTLS(":443", "cert.pem", "key.pem", h) // want http2-client-priority-go127
}

// The documented opt-out: round-robin as before.
func roundRobin(h http.Handler) *http.Server {
	return &http.Server{Handler: h, DisableClientPriority: true} // ok http2-client-priority-go127
}

func roundRobinLater(h http.Handler) *http.Server {
	s := &http.Server{Handler: h} // ok http2-client-priority-go127
	s.DisableClientPriority = true
	return s
}

// No TLS, no HTTP/2 by default.
func plain(h http.Handler) error {
	return http.ListenAndServe(":80", h) // ok http2-client-priority-go127
}
