package main

import (
	stdtls "crypto/tls"
	"crypto/x509"
	_ "embed"
	"fmt"
	"net"
	"net/http"
	. "os/exec"
)

func main() {
	ip := net.ParseIP("10.0.0.1") // use net.ParseIP call
	fmt.Println(ip)
	parse := net.ParseIP // use net.ParseIP ref
	_ = parse("::1")
	cfg := &stdtls.Config{MinVersion: stdtls.VersionTLS12} // use crypto/tls.Config composite, use crypto/tls.Config.MinVersion field write
	cfg.InsecureSkipVerify = true // use crypto/tls.Config.InsecureSkipVerify field write
	if cfg.MinVersion < stdtls.VersionTLS13 { // use crypto/tls.Config.MinVersion field
		fmt.Println("old")
	}
	srv := &http.Server{ // use net/http.Server composite
		TLSConfig: &stdtls.Config{}, // use crypto/tls.Config composite
	}
	srv.TLSConfig.MinVersion = 0 // use crypto/tls.Config.MinVersion field write
	tr := &http.Transport{TLSClientConfig: cfg} // use net/http.Transport.TLSClientConfig field write
	_ = tr
	path, err := LookPath("git") // use os/exec.LookPath call
	if err == ErrDot { // use os/exec.ErrDot ref
		fmt.Println(path)
	}
	cmd := Command("ls") // use os/exec.Command call
	_ = cmd
	certs := []*x509.Certificate{}
	for _, c := range certs {
		c.Verify(x509.VerifyOptions{}) // use crypto/x509.Certificate.Verify call
	}
	verify := (*x509.Certificate).Verify // use crypto/x509.Certificate.Verify ref
	_ = verify
	var conf stdtls.Config // use crypto/tls.Config ref
	conf.MinVersion++ // use crypto/tls.Config.MinVersion field write
	list := []stdtls.Config{{MinVersion: 1}} // use crypto/tls.Config ref, use crypto/tls.Config.MinVersion field write
	byName := map[string]*stdtls.Config{"a": {InsecureSkipVerify: true}} // use crypto/tls.Config ref, use crypto/tls.Config.InsecureSkipVerify field write
	_, _ = list, byName
}

// A comment naming net.ParseIP is no use.
var _ = "net.ParseIP"

const stored = "010.0.0.1"

func namedConstants() {
	const local = "::1"
	net.ParseIP(stored) // use net.ParseIP call
	net.ParseIP(local)  // use net.ParseIP call
}
