// Package http2 is a stand-in for golang.org/x/net/http2: only the names the fixture needs.
package http2

import (
	"net/http"
	"time"
)

// Server holds HTTP/2 server options.
type Server struct{ MaxConcurrentStreams uint32 }

// Transport holds HTTP/2 transport options.
type Transport struct{ ReadIdleTimeout time.Duration }

// ConfigureServer adds HTTP/2 support to s.
func ConfigureServer(s *http.Server, conf *Server) error { return nil }

// ConfigureTransport adds HTTP/2 support to t1.
func ConfigureTransport(t1 *http.Transport) error { return nil }

// ConfigureTransports adds HTTP/2 support to t1 and returns its HTTP/2 transport.
func ConfigureTransports(t1 *http.Transport) (*Transport, error) { return &Transport{}, nil }
