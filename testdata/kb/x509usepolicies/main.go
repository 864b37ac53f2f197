package main

import (
	"encoding/asn1"
	"fmt"
	"math/big"
	"crypto/x509"
)

func main() {
	old := &x509.Certificate{ // want x509usepolicies
		SerialNumber:      big.NewInt(1),
		PolicyIdentifiers: []asn1.ObjectIdentifier{{1, 2, 3}}, // want x509usepolicies
	}
	plain := &x509.Certificate{SerialNumber: big.NewInt(2)} // ok x509usepolicies
	plain.PolicyIdentifiers = []asn1.ObjectIdentifier{{1, 2, 4}} // want x509usepolicies
	fmt.Println(old, plain)
}
