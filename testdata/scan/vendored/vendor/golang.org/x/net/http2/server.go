package http2

import "net/http"

type Server struct{}

func ConfigureServer(s *http.Server, conf *Server) error { // use net/http.Server ref
	_ = s.TLSConfig.MinVersion // use crypto/tls.Config.MinVersion field
	return nil
}
