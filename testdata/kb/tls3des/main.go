package main

import (
	"crypto/tls"
	"fmt"
)

func server() *tls.Config {
	return &tls.Config{} // want tls3des
}

func explicit() *tls.Config {
	return &tls.Config{CipherSuites: []uint16{tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA}} // ok tls3des
}

func assigned() *tls.Config {
	c := &tls.Config{ServerName: "x"} // ok tls3des
	c.CipherSuites = []uint16{tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA}
	return c
}

func main() {
	fmt.Println(server(), explicit(), assigned())
}
