// Package net has HTTP and IP helpers shared by clients and servers.
package net

import (
	"net"
	"strings"
)

// ParsePort parses "host:port" and checks the host is an IP.
func ParsePort(hostport string) (string, bool) {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil || net.ParseIP(strings.Trim(host, "[]")) == nil {
		return "", false
	}
	return port, true
}
