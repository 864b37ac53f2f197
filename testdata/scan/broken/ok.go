package broken

import "net"

func fine() { net.ParseIP("x") } // use net.ParseIP call
