package webhook

import (
	"crypto/x509"
	"testing"
)

func TestVerifyEmpty(t *testing.T) {
	c := &x509.Certificate{}
	if _, err := c.Verify(x509.VerifyOptions{}); err == nil {
		t.Fatal("an empty certificate verified")
	}
}
