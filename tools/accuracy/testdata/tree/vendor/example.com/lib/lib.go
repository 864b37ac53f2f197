package lib

import (
	"crypto/tls"
	"crypto/x509"
)

func Get() *tls.Config { return nil }

type C struct{ *x509.Certificate }

func Conf() C { return C{} }
