package cfg

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

// Options embeds the std config: its fields are promoted.
type Options struct {
	tls.Config // use crypto/tls.Config ref
	Name string
}

// Holder keeps a pointer to a config.
type Holder struct {
	TLS    *tls.Config // use crypto/tls.Config ref
	Server *http.Server // use net/http.Server ref
	certs  []*x509.Certificate
	byName map[string]*x509.Certificate
}

type Alias = tls.Config // use crypto/tls.Config ref

type Named tls.Config // use crypto/tls.Config ref

type CertList []*x509.Certificate

func NewHolder() *Holder { return &Holder{} }

func Load() (*Holder, error) { return nil, nil }

func Factory() func() *tls.Config { return nil } // use crypto/tls.Config ref

var Default = &tls.Config{} // use crypto/tls.Config composite

var Global Holder

func (h *Holder) Certs() []*x509.Certificate { return h.certs }

func (h *Holder) First() *x509.Certificate { return h.byName["a"] }

// ParseCert is a function value: calls through it are calls of the function it holds.
var ParseCert = x509.ParseCertificate // use crypto/x509.ParseCertificate ref
