// Package retired is published for consumers of apimachinery; nothing here imports it.
package retired

import "crypto/x509"

// ParseAndVerify parses a DER certificate and verifies it with the system roots.
func ParseAndVerify(der []byte) error {
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return err
	}
	_, err = c.Verify(x509.VerifyOptions{})
	return err
}
