package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
)

func main() {
	small, _ := rsa.GenerateKey(rand.Reader, 512) // want rsa1024min
	big, _ := rsa.GenerateKey(rand.Reader, 2048)  // ok rsa1024min
	bits := 1024
	k, _ := rsa.GenerateKey(rand.Reader, bits) // want rsa1024min
	der := x509.MarshalPKCS1PrivateKey(big)
	_, _ = x509.ParsePKCS1PrivateKey(der) // want rsa1024min
	_, _ = x509.ParsePKCS8PrivateKey(der) // want rsa1024min
	fmt.Println(small, k)
}
