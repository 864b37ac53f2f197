package broken

import "net"

var s = "café" // skipped

var _ = net.ParseIP("x")
