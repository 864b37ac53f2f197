//go:build windows

package main

import "net"

var onWindows = net.ParseIP("::2") // use net.ParseIP call
