package commonname

type fakeTLS struct{}

func (fakeTLS) Dial(network, addr string, cfg any) (any, error) { return nil, nil }

// A parameter named tls shadows the crypto/tls import of the other file (and this file has none).
func shadowed(tls fakeTLS) (any, error) {
	return tls.Dial("tcp", "example.com:443", nil) // ok x509-commonname-go115
}
