// Package commonname exercises hostname verification after Go 1.15 stops reading the CommonName.
package commonname

import (
	"crypto/tls"
	"crypto/x509"
	"net"
)

func verify(cert *x509.Certificate, roots *x509.CertPool) error {
	if err := cert.VerifyHostname("example.com"); err != nil { // want x509-commonname-go115
		return err
	}
	opts := x509.VerifyOptions{DNSName: "example.com", Roots: roots}
	_, err := cert.Verify(opts) // want x509-commonname-go115
	return err
}

func dial() (*tls.Conn, error) {
	return tls.Dial("tcp", "example.com:443", &tls.Config{ServerName: "example.com"}) // want x509-commonname-go115
}

func client(c net.Conn) *tls.Conn {
	return tls.Client(c, &tls.Config{ServerName: "example.com"}) // want x509-commonname-go115
}

func dialer(d *net.Dialer) (*tls.Conn, error) {
	return tls.DialWithDialer(d, "tcp", "example.com:443", nil) // want x509-commonname-go115
}

// A server does not verify its own name.
func server(c net.Conn) *tls.Conn {
	return tls.Server(c, &tls.Config{}) // ok x509-commonname-go115
}

// With InsecureSkipVerify crypto/tls checks no name at all.
func insecure() (*tls.Conn, error) {
	cfg := &tls.Config{InsecureSkipVerify: true}
	return tls.Dial("tcp", "example.com:443", cfg) // ok x509-commonname-go115
}

// Reading the CommonName is not name verification.
func commonName(der []byte) (string, error) {
	c, err := x509.ParseCertificate(der) // ok x509-commonname-go115
	if err != nil {
		return "", err
	}
	return c.Subject.CommonName, nil // ok x509-commonname-go115
}
