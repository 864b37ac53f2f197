package a

import (
	"crypto/tls"
	"crypto/x509"
	utilnet "net"
	"net/http"
	. "os/exec"

	"example.com/lib"
)

type wrap struct {
	*x509.Certificate
	tls.Config
}

func F(w wrap, c *x509.Certificate, s string) {
	_ = utilnet.ParseIP(s)
	f := utilnet.ParseIP
	_ = f
	_, _ = w.Verify(x509.VerifyOptions{})
	g := c.Verify
	_ = g
	_ = (*x509.Certificate).Verify
	w.MinVersion = tls.VersionTLS12
	_ = w.Config.MinVersion
	cfg := &tls.Config{MinVersion: 1, MaxVersion: 2}
	var t tls.Config
	_ = t
	_ = []tls.Config{{MinVersion: 3}}
	_, _ = LookPath("x")
	_ = ErrDot
	srv := &http.Server{TLSConfig: cfg}
	srv.TLSConfig.MinVersion = 4
	x := lib.Get()
	x.MinVersion = 5
	_ = lib.Conf().Verify
}
