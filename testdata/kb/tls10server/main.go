package main

import (
	"crypto/tls"
	"fmt"
)

func server() *tls.Config {
	return &tls.Config{} // want tls10server
}

func explicit() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12} // ok tls10server
}

func assigned() *tls.Config {
	c := &tls.Config{ServerName: "x"} // ok tls10server
	c.MinVersion = tls.VersionTLS12
	return c
}

func main() {
	fmt.Println(server(), explicit(), assigned())
}
