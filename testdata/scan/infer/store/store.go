package store

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/url"

	"example.com/infer/cfg"
)

type local struct {
	h    *cfg.Holder
	opts cfg.Options
}

func fromParams(c *tls.Config, o cfg.Options, a cfg.Alias, n cfg.Named) { // use crypto/tls.Config ref
	c.MinVersion = 1 // use crypto/tls.Config.MinVersion field write
	o.MinVersion = 2 // use crypto/tls.Config.MinVersion field write
	a.MinVersion = 3 // use crypto/tls.Config.MinVersion field write
	n.MinVersion = 4 // use crypto/tls.Config.MinVersion field write
	_ = c.Clone().MinVersion // use crypto/tls.Config.MinVersion field
}

func fromResults(b []byte) {
	cert, err := x509.ParseCertificate(b) // use crypto/x509.ParseCertificate call
	if err != nil {
		return
	}
	cert.Verify(x509.VerifyOptions{}) // use crypto/x509.Certificate.Verify call
	h := cfg.NewHolder()
	h.TLS.MinVersion = 5 // use crypto/tls.Config.MinVersion field write
	h.Server.TLSConfig.InsecureSkipVerify = true // use crypto/tls.Config.InsecureSkipVerify field write
	h2, _ := cfg.Load()
	h2.First().Verify(x509.VerifyOptions{}) // use crypto/x509.Certificate.Verify call
	for _, c := range h2.Certs() {
		c.Verify(x509.VerifyOptions{}) // use crypto/x509.Certificate.Verify call
	}
	mk := cfg.Factory()
	mk().MinVersion = 6 // use crypto/tls.Config.MinVersion field write
	cfg.Default.MinVersion = 7 // use crypto/tls.Config.MinVersion field write
	cfg.Global.TLS.MinVersion = 8 // use crypto/tls.Config.MinVersion field write
	var list cfg.CertList
	list[0].Verify(x509.VerifyOptions{}) // use crypto/x509.Certificate.Verify call
}

func (l *local) method() {
	l.h.TLS.MinVersion = 9 // use crypto/tls.Config.MinVersion field write
	l.opts.Config.MinVersion = 10 // use crypto/tls.Config.MinVersion field write
}

func literals() {
	p := new(tls.Config) // use crypto/tls.Config ref
	p.MinVersion = 11 // use crypto/tls.Config.MinVersion field write
	o := cfg.Options{Config: tls.Config{MinVersion: 12}} // use crypto/tls.Config composite, use crypto/tls.Config.MinVersion field write
	_ = o
	h := &cfg.Holder{TLS: &tls.Config{InsecureSkipVerify: true}} // use crypto/tls.Config composite, use crypto/tls.Config.InsecureSkipVerify field write
	_ = h
	a := cfg.Alias{MinVersion: 13} // use crypto/tls.Config.MinVersion field write
	_ = a
	conv := (*tls.Config)(nil) // use crypto/tls.Config ref
	conv.MinVersion = 14 // use crypto/tls.Config.MinVersion field write
}

func assertions(x any, r io.Reader) {
	x.(*url.URL).Port() // use net/url.URL.Port call
	if u, ok := x.(*url.URL); ok {
		_ = u.Port() // use net/url.URL.Port call
	}
	switch v := x.(type) {
	case *url.URL:
		v.Port() // use net/url.URL.Port call
	case *tls.Config: // use crypto/tls.Config ref
		v.MinVersion = 15 // use crypto/tls.Config.MinVersion field write
	}
	r.Read(nil) // use io.Reader.Read call
	var rc io.ReadCloser
	rc.Read(nil) // use io.Reader.Read call
}

func closures(c *tls.Config) { // use crypto/tls.Config ref
	set := func(v uint16) {
		c.MinVersion = v // use crypto/tls.Config.MinVersion field write
	}
	set(1)
	ch := make(chan *tls.Config) // use crypto/tls.Config ref
	got := <-ch
	got.MinVersion = 16 // use crypto/tls.Config.MinVersion field write
	m := map[string]*tls.Config{} // use crypto/tls.Config ref
	m["a"].MinVersion = 17 // use crypto/tls.Config.MinVersion field write
	if v, ok := m["b"]; ok {
		v.MinVersion = 18 // use crypto/tls.Config.MinVersion field write
	}
}

func generic[T any](x T) {
	var t T
	_ = t
}

func selfShadow(s string) {
	url, err := url.Parse(s)
	if err == nil {
		_ = url.Port() // use net/url.URL.Port call
	}
}

func table() {
	for _, tc := range []struct {
		name string
		cfg  *tls.Config // use crypto/tls.Config ref
		u    struct{ target *url.URL }
	}{
		{name: "a", cfg: &tls.Config{MinVersion: 1}}, // use crypto/tls.Config composite, use crypto/tls.Config.MinVersion field write
	} {
		tc.cfg.MinVersion = 2 // use crypto/tls.Config.MinVersion field write
		_ = tc.u.target.Port() // use net/url.URL.Port call
	}
}

func paramNamedLikePackage(url *url.URL, other *url.URL) string {
	return url.Port() + other.Port() // use net/url.URL.Port call, use net/url.URL.Port call
}

func localTypes() {
	type item struct {
		cfg *tls.Config // use crypto/tls.Config ref
	}
	table := map[string]item{"a": {cfg: nil}}
	for _, it := range table {
		it.cfg.MinVersion = 1 // use crypto/tls.Config.MinVersion field write
	}
	one := item{}
	one.cfg.InsecureSkipVerify = true // use crypto/tls.Config.InsecureSkipVerify field write
}

func viaFuncVar(b []byte) {
	c, _ := cfg.ParseCert(b)
	c.Verify(x509.VerifyOptions{}) // use crypto/x509.Certificate.Verify call
}
