// Package net is a stand-in for k8s.io/utils/net: only the names the fixture needs.
package net

import stdnet "net"

// ParseIPSloppy accepts IPv4 octets with leading zeros, as net.ParseIP did before Go 1.17.
func ParseIPSloppy(s string) stdnet.IP { return stdnet.IPv4zero }

// ParseCIDRSloppy is ParseCIDR with the same leniency.
func ParseCIDRSloppy(s string) (stdnet.IP, *stdnet.IPNet, error) { return nil, nil, nil }
