package main

import (
	"crypto/x509"
	"fmt"
)

func main() {
	k, err := x509.ParsePKCS1PrivateKey(nil) // want x509rsacrt
	fmt.Println(k, err)
	k8, err := x509.ParsePKCS8PrivateKey(nil) // want x509rsacrt
	fmt.Println(k8, err)
	pub, err := x509.ParsePKIXPublicKey(nil) // ok x509rsacrt
	fmt.Println(pub, err)
}
