// Package webhook calls admission webhooks and checks their serving certificates.
package webhook

import "crypto/x509"

// Verifier checks webhook serving certificates against a CA bundle.
type Verifier struct {
	roots *x509.CertPool
}

// NewVerifier returns a Verifier for the given roots.
func NewVerifier(roots *x509.CertPool) *Verifier { return &Verifier{roots: roots} }

// Verify checks the chain; SHA-1 signed webhook certificates fail here since go1.18.
func (v *Verifier) Verify(cert *x509.Certificate) error {
	_, err := cert.Verify(x509.VerifyOptions{Roots: v.roots})
	return err
}
