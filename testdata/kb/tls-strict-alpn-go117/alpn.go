// Package alpn exercises crypto/tls servers with NextProtos, which since Go 1.17 must share a protocol
// with the client's ALPN offer.
package alpn

import "crypto/tls"

func acmeServer(certs []tls.Certificate) *tls.Config {
	return &tls.Config{
		Certificates: certs,
		NextProtos:   []string{"acme-tls/1"}, // want tls-strict-alpn-go117
	}
}

func setLater(c *tls.Config) {
	c.NextProtos = []string{"h2", "http/1.1"} // want tls-strict-alpn-go117
}

// No NextProtos: no ALPN negotiation to enforce.
func plain(certs []tls.Certificate) *tls.Config {
	return &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS12} // ok tls-strict-alpn-go117
}

// Reading the list changes nothing.
func offers(c *tls.Config) []string {
	return c.NextProtos // ok tls-strict-alpn-go117
}
