package main

import (
	"crypto/tls"
	"fmt"
)

func main() {
	pair, err := tls.X509KeyPair(nil, nil) // want x509keypairleaf
	fmt.Println(pair.Leaf == nil, err)
	p2, err := tls.LoadX509KeyPair("c.pem", "k.pem") // want x509keypairleaf
	fmt.Println(p2.Leaf, err)
	var c tls.Certificate // ok x509keypairleaf
	fmt.Println(c.Leaf)
}
