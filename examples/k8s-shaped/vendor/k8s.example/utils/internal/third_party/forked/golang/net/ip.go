// Package net is a fork of the Go 1.16 IP parser (leading zeros allowed).
package net

import (
	stdnet "net"
	"strconv"
	"strings"
)

// ParseIP parses s as an IPv4 or IPv6 address, accepting leading zeros in IPv4 parts.
func ParseIP(s string) stdnet.IP {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return stdnet.ParseIP(s)
	}
	ip := make(stdnet.IP, 4)
	for i, p := range parts {
		n, err := strconv.ParseUint(p, 10, 8)
		if err != nil {
			return nil
		}
		ip[i] = byte(n)
	}
	return ip.To16()
}

// ParseCIDR parses s as a CIDR with the same leniency as ParseIP.
func ParseCIDR(s string) (stdnet.IP, *stdnet.IPNet, error) {
	addr, mask, ok := strings.Cut(s, "/")
	if !ok {
		return stdnet.ParseCIDR(s)
	}
	ip := ParseIP(addr)
	_, n, err := stdnet.ParseCIDR(ip.String() + "/" + mask)
	return ip, n, err
}
