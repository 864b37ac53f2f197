package main

import (
	"context"
	"fmt"
	"net"
)

func main() {
	addrs, err := net.LookupHost("example.com") // want netedns0
	fmt.Println(addrs, err)
	ips, _ := net.LookupIP("example.com") // want netedns0
	fmt.Println(ips)
	var r net.Resolver
	_, _ = r.LookupHost(context.Background(), "example.com")              // want netedns0
	_, _ = r.LookupIPAddr(context.Background(), "example.com")            // want netedns0
	_, _ = r.LookupNetIP(context.Background(), "ip4", "example.com")      // want netedns0
	fmt.Println(net.ParseIP("192.0.2.1"), net.JoinHostPort("h", "80")) // ok netedns0
}
