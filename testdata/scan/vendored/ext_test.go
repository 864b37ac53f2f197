package main_test

import "net"

func helper() { net.ParseCIDR("10.0.0.0/8") } // use net.ParseCIDR call
