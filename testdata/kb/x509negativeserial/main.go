package main

import (
	"crypto/x509"
	"fmt"
)

func main() {
	c, err := x509.ParseCertificate(nil) // want x509negativeserial
	fmt.Println(c, err)
	cs, err := x509.ParseCertificates(nil) // want x509negativeserial
	fmt.Println(cs, err)
	p := x509.NewCertPool() // ok x509negativeserial
	fmt.Println(p)
}
