// Package transport builds HTTP transports for API clients.
package transport

import (
	"crypto/tls"
	"net/http"
)

// New returns a transport with the client-go TLS defaults.
func New() *http.Transport {
	return &http.Transport{TLSClientConfig: &tls.Config{}}
}
