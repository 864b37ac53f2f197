package broken

import "net"

func good() {
	net.ParseIP("a") // use net.ParseIP call
}

func bad() {
	net.ParseIP("b" // skipped
	x := := 3
}

func after() {
	net.ParseCIDR("c") // use net.ParseCIDR call
}
