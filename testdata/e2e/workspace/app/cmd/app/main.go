// app builds in workspace mode: go.work's godebug lines count, app/go.mod's are ignored.
package main

import (
	"crypto/x509"
	"fmt"
	"net/url"

	"example.com/lib"
)

func main() {
	u, err := url.Parse("http://localhost:1:2/")
	fmt.Println(u, err)
	_, _ = (&x509.Certificate{}).Verify(x509.VerifyOptions{})
	fmt.Println(lib.Serve())
}
