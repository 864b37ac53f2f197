package shadow

import (
	"crypto/tls"
	"net"
	"os/exec"
)

type resolver struct{}

func (resolver) ParseIP(s string) net.IP { return nil }

func params(net resolver) {
	net.ParseIP("x")
}

func locals() {
	net := resolver{}
	net.ParseIP("x")
}

func closures() {
	f := func(net resolver) {
		net.ParseIP("x")
	}
	f(resolver{})
	g := func() {
		net.ParseIP("x") // use net.ParseIP call
	}
	g()
}

func blocks() {
	{
		net := resolver{}
		net.ParseIP("x")
	}
	net.ParseIP("y") // use net.ParseIP call
	if net := (resolver{}); true {
		net.ParseIP("z")
	}
	for net := range []resolver{{}} {
		_ = net
	}
	switch exec := interface{}(nil).(type) {
	case resolver:
		exec.ParseIP("w")
	}
	exec.LookPath("sh") // use os/exec.LookPath call
}

func labels() {
net:
	for {
		break net
	}
	net.ParseCIDR("10.0.0.0/8") // use net.ParseCIDR call
}

type tlsish struct{ MinVersion uint16 }

func sameFieldName() {
	c := tlsish{MinVersion: 1}
	c.MinVersion = 2
	var tls tlsish
	tls.MinVersion = 3
	_ = tls
}

func realOne(t *tls.Config) { // use crypto/tls.Config ref
	t.MinVersion = tls.VersionTLS12 // use crypto/tls.Config.MinVersion field write
}

func paramNamedLikeItsPackage(tls *tls.Config) { // use crypto/tls.Config ref
	tls.MinVersion = 0 // use crypto/tls.Config.MinVersion field write
}
