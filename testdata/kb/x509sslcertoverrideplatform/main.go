package main

import (
	"crypto/x509"
	"fmt"
)

func main() {
	pool, err := x509.SystemCertPool() // want x509sslcertoverrideplatform
	fmt.Println(err)
	var c x509.Certificate
	_, err = c.Verify(x509.VerifyOptions{Roots: pool}) // want x509sslcertoverrideplatform
	fmt.Println(err, x509.NewCertPool()) // ok x509sslcertoverrideplatform
}
