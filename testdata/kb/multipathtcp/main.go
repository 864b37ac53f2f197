package main

import (
	"context"
	"net"
)

func main() {
	l, _ := net.Listen("tcp", ":0") // want multipathtcp
	_ = l
	u, _ := net.Listen("unix", "/tmp/s.sock") // ok multipathtcp
	_ = u
	var lc net.ListenConfig
	l2, _ := lc.Listen(context.Background(), "tcp4", ":0") // want multipathtcp
	_ = l2
	network := "tcp"
	l3, _ := net.Listen(network, ":0") // want multipathtcp
	_ = l3
	explicit()
}

func explicit() {
	var lc net.ListenConfig
	lc.SetMultipathTCP(false)
	l, _ := lc.Listen(context.Background(), "tcp", ":0") // ok multipathtcp
	_ = l
}
