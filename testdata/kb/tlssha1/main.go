package main

import (
	"crypto/tls"
	"fmt"
)

func main() {
	c := &tls.Config{ServerName: "example.com"} // want tlssha1
	fmt.Println(c, tls.VersionName(tls.VersionTLS12)) // ok tlssha1
}
