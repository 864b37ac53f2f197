package main

import (
	"crypto/rand"
	"crypto/x509"
	"fmt"
	"math/big"
)

func main() {
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, nil, nil) // want x509sha256skid
	fmt.Println(der, err)
	_, err = x509.ParseCertificate(der) // ok x509sha256skid
	fmt.Println(err)
}
