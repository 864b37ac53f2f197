package main

import (
	"crypto/tls"
	"fmt"
)

func server() *tls.Config {
	return &tls.Config{} // want tlskyber
}

func explicit() *tls.Config {
	return &tls.Config{CurvePreferences: []tls.CurveID{tls.X25519}} // ok tlskyber
}

func assigned() *tls.Config {
	c := &tls.Config{ServerName: "x"} // ok tlskyber
	c.CurvePreferences = []tls.CurveID{tls.X25519}
	return c
}

func main() {
	fmt.Println(server(), explicit(), assigned())
}
