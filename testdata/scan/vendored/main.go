package main

import (
	"net"
	"net/http"

	"golang.org/x/net/http2"
)

func main() {
	srv := &http.Server{} // use net/http.Server composite
	_ = http2.ConfigureServer(srv, &http2.Server{}) // use golang.org/x/net/http2.ConfigureServer call
	net.ParseIP("1.2.3.4") // use net.ParseIP call
}
