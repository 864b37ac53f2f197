package main

import (
	"crypto/tls"
	"fmt"
)

func export(c *tls.Conn) {
	st := c.ConnectionState()
	km, err := st.ExportKeyingMaterial("label", nil, 32) // want tlsunsafeekm
	fmt.Println(km, err, st.Version)                     // ok tlsunsafeekm
}

func main() { _ = export }
