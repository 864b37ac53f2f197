// Package names exercises distinguished-name strings, which render unknown string attributes as
// text since Go 1.27.
package names

import (
	"crypto/x509"
	"crypto/x509/pkix"
)

func subject(cert *x509.Certificate) string {
	return cert.Subject.String() // want pkix-name-string-go127
}

func allowed(cert *x509.Certificate, allow map[string]bool) bool {
	return allow[cert.Issuer.String()] // want pkix-name-string-go127
}

func rdn(seq pkix.RDNSequence) string {
	return seq.String() // want pkix-name-string-go127
}

// The parsed attributes and the raw DER do not go through String.
func commonName(cert *x509.Certificate) (string, []byte) {
	return cert.Subject.CommonName, cert.RawSubject // ok pkix-name-string-go127
}
