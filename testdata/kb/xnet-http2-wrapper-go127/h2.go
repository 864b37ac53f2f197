// Package xneth2 exercises golang.org/x/net/http2's Configure* functions, which under Go 1.27 wrap
// net/http's HTTP/2 and (in the affected x/net versions) stop enabling HTTP/2 for custom TLS configs.
package xneth2

import (
	"crypto/tls"
	"net/http"
	"time"

	"golang.org/x/net/http2"
	h2 "golang.org/x/net/http2"
)

func secureServing(cfg *tls.Config, h http.Handler) error {
	srv := &http.Server{Addr: ":6443", Handler: h, TLSConfig: cfg}
	return http2.ConfigureServer(srv, &http2.Server{MaxConcurrentStreams: 250}) // want xnet-http2-wrapper-go127
}

func clientTransport(cfg *tls.Config) (*http.Transport, error) {
	t := &http.Transport{TLSClientConfig: cfg}
	t2, err := h2.ConfigureTransports(t) // want xnet-http2-wrapper-go127
	if err != nil {
		return nil, err
	}
	t2.ReadIdleTimeout = 30 * time.Second
	return t, nil
}

func legacyTransport(t *http.Transport) error {
	return http2.ConfigureTransport(t) // want xnet-http2-wrapper-go127
}

// Asking net/http for HTTP/2 explicitly (Go 1.24+ Protocols) does not depend on the wrapper.
func explicitProtocols(cfg *tls.Config) error {
	var p http.Protocols
	p.SetHTTP1(true)
	p.SetHTTP2(true)
	srv := &http.Server{TLSConfig: cfg, Protocols: &p}
	return http2.ConfigureServer(srv, nil) // ok xnet-http2-wrapper-go127
}

func explicitTransportProtocols(t *http.Transport) error {
	t.Protocols = new(http.Protocols)
	t.Protocols.SetHTTP2(true)
	return http2.ConfigureTransport(t) // ok xnet-http2-wrapper-go127
}

// Options only: nothing is configured.
func options() *http2.Server {
	return &http2.Server{MaxConcurrentStreams: 100} // ok xnet-http2-wrapper-go127
}
