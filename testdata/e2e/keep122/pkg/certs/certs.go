// Package certs loads serving certificates.
package certs

import (
	"crypto/tls"
	"crypto/x509"
)

// Load parses a key pair and its leaf certificate.
func Load(certPEM, keyPEM []byte) (*x509.Certificate, error) {
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(pair.Certificate[0])
}
