// Package pathlen exercises certificate parsing, which since Go 1.25 rejects a negative pathLenConstraint.
package pathlen

import "crypto/x509"

func parse(der []byte) (*x509.Certificate, error) {
	return x509.ParseCertificate(der) // want x509-negative-pathlen-go125
}

func parseAll(der []byte) ([]*x509.Certificate, error) {
	return x509.ParseCertificates(der) // want x509-negative-pathlen-go125
}

// A CSR has no BasicConstraints to parse.
func csr(der []byte) (*x509.CertificateRequest, error) {
	return x509.ParseCertificateRequest(der) // ok x509-negative-pathlen-go125
}
