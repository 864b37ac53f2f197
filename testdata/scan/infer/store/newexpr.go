package store

import (
	"crypto/tls"
	"net"
)

type file struct{ Mode *string }

// Go 1.26 new(expr): tree-sitter-go needs help with it.
func newExpr() *file {
	net.ParseIP("1.2.3.4") // use net.ParseIP call
	c := new(tls.Config) // use crypto/tls.Config ref
	c.MinVersion = 1 // use crypto/tls.Config.MinVersion field write
	return &file{Mode: new("0600")}
}
