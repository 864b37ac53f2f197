package main

import (
	"crypto/tls"
	"fmt"
)

func server() *tls.Config {
	return &tls.Config{} // want tlsrsakex
}

func explicit() *tls.Config {
	return &tls.Config{CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_CBC_SHA}} // ok tlsrsakex
}

func assigned() *tls.Config {
	c := &tls.Config{ServerName: "x"} // ok tlsrsakex
	c.CipherSuites = []uint16{tls.TLS_RSA_WITH_AES_128_CBC_SHA}
	return c
}

func main() {
	fmt.Println(server(), explicit(), assigned())
}
