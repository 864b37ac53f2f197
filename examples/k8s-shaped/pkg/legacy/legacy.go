// Package legacy is an old TLS helper that no command imports any more.
package legacy

import "crypto/tls"

// ClientConfig returns a TLS client configuration.
func ClientConfig() *tls.Config {
	return &tls.Config{CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_CBC_SHA}}
}
