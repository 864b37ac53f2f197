package a

import "net"

func W() { net.ParseIP("1") }
