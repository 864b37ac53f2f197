// Package h2 exercises net/http's automatic HTTP/2 (Go 1.6) for TLS servers and transports.
package h2

import (
	"crypto/tls"
	"net/http"
)

func serve(srv *http.Server) error {
	return srv.ListenAndServeTLS("cert.pem", "key.pem") // want http2-default-go16
}

func serveFunc(h http.Handler) error {
	return http.ListenAndServeTLS(":443", "cert.pem", "key.pem", h) // want http2-default-go16
}

// A non-nil, empty TLSNextProto is the documented HTTP/2 opt-out.
func serveHTTP1Only(h http.Handler) error {
	srv := &http.Server{
		Addr:         ":443",
		Handler:      h,
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
	}
	return srv.ListenAndServeTLS("cert.pem", "key.pem") // ok http2-default-go16
}

// No TLS, no HTTP/2.
func plain(h http.Handler) error {
	return http.ListenAndServe(":80", h) // ok http2-default-go16
}

func newTransport() *http.Transport {
	return &http.Transport{MaxIdleConns: 10} // want http2-default-go16
}

// A custom TLS config or dialer turns the automatic HTTP/2 off (unless ForceAttemptHTTP2).
func customTLS(cfg *tls.Config) *http.Transport {
	return &http.Transport{TLSClientConfig: cfg} // ok http2-default-go16
}

func forced(cfg *tls.Config) *http.Transport {
	return &http.Transport{TLSClientConfig: cfg, ForceAttemptHTTP2: true} // want http2-default-go16
}

func optOut() *http.Transport {
	return &http.Transport{TLSNextProto: map[string]func(string, *tls.Conn) http.RoundTripper{}} // ok http2-default-go16
}

func optOutLater() *http.Transport {
	t := &http.Transport{} // ok http2-default-go16
	t.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	return t
}

func get() (*http.Response, error) {
	return http.Get("https://example.com/") // want http2-default-go16
}

func getPlain() (*http.Response, error) {
	return http.Get("http://example.com/") // ok http2-default-go16
}

func getAny(u string) (*http.Response, error) {
	return http.Get(u) // want http2-default-go16
}
