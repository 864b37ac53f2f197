package a_test

import "net"

func T() { net.ParseCIDR("1") }
