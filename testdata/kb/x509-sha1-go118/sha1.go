// Package sha1certs exercises certificate verification, which rejects SHA-1 signatures since Go 1.18.
package sha1certs

import (
	"crypto/tls"
	"crypto/x509"
	"net"
)

func verify(leaf *x509.Certificate, roots *x509.CertPool) error {
	_, err := leaf.Verify(x509.VerifyOptions{Roots: roots}) // want x509-sha1-go118
	return err
}

func signedBy(child, parent *x509.Certificate) error {
	return child.CheckSignatureFrom(parent) // want x509-sha1-go118
}

func webhookClient(c net.Conn, roots *x509.CertPool) *tls.Conn {
	return tls.Client(c, &tls.Config{RootCAs: roots, ServerName: "webhook.svc"}) // want x509-sha1-go118
}

func clientCerts(pool *x509.CertPool) *tls.Config {
	cfg := &tls.Config{ClientCAs: pool}
	cfg.ClientAuth = tls.RequireAndVerifyClientCert // want x509-sha1-go118
	return cfg
}

// With verification off, no signature is checked.
func insecure(c net.Conn) *tls.Conn {
	return tls.Client(c, &tls.Config{InsecureSkipVerify: true}) // ok x509-sha1-go118
}

// CheckSignature (an explicit algorithm) still accepts SHA-1.
func explicit(cert *x509.Certificate, signed, sig []byte) error {
	return cert.CheckSignature(x509.SHA1WithRSA, signed, sig) // ok x509-sha1-go118
}

// Parsing does not verify.
func parse(der []byte) (*x509.Certificate, error) {
	return x509.ParseCertificate(der) // ok x509-sha1-go118
}
