// Package parseip exercises net.ParseIP / net.ParseCIDR after Go 1.17 rejects leading zeros.
package parseip

import (
	"net"
	stdnet "net"

	netutils "k8s.io/utils/net"
)

const stored = "010.000.000.001"

func constants() {
	_ = net.ParseIP("010.001.002.003")          // want parseip-leading-zeros-go117
	_ = net.ParseIP("10.1.2.3")                 // ok parseip-leading-zeros-go117
	_ = net.ParseIP("10.0.0.0")                 // ok parseip-leading-zeros-go117
	_ = net.ParseIP("::ffff:192.168.001.001")   // want parseip-leading-zeros-go117
	_ = net.ParseIP("2001:0db8::0001")          // ok parseip-leading-zeros-go117
	_, _, _ = net.ParseCIDR("192.168.001.0/24") // want parseip-leading-zeros-go117
	_, _, _ = net.ParseCIDR("192.168.1.0/24")   // ok parseip-leading-zeros-go117
	_ = stdnet.ParseIP("01.2.3.4")              // want parseip-leading-zeros-go117
	// A named constant is handed over as its value, so the condition sees the leading zero.
	_ = net.ParseIP(stored) // want parseip-leading-zeros-go117
}

// User input may carry leading zeros: possibly affected.
func fromInput(s string) (net.IP, *net.IPNet) {
	ip := net.ParseIP(s)        // want parseip-leading-zeros-go117
	_, n, _ := net.ParseCIDR(s) // want parseip-leading-zeros-go117
	return ip, n
}

// A function value of ParseIP is still ParseIP.
func asValue() func(string) net.IP {
	return net.ParseIP // want parseip-leading-zeros-go117
}

// The k8s.io/utils/net fork keeps the pre-1.17 behavior: nothing to report.
func sloppy(s string) net.IP {
	_, _, _ = netutils.ParseCIDRSloppy(s)
	return netutils.ParseIPSloppy(s)
}

// Strict first, sloppy fallback in the same function: the old behavior is kept.
func strictThenSloppy(s string) net.IP {
	if ip := net.ParseIP(s); ip != nil { // ok parseip-leading-zeros-go117
		return ip
	}
	return netutils.ParseIPSloppy(s)
}

type parser struct{}

func (parser) ParseIP(s string) net.IP { return nil }

// A local variable named net shadows the package.
func shadowed() {
	net := parser{}
	_ = net.ParseIP("010.0.0.1") // ok parseip-leading-zeros-go117
}
