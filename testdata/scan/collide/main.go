package main

import (
	"example.com/collide/net"
	"k8s.io/utils/exec"
	osexec "os/exec"
)

func main() {
	net.ParseIP("x")
	c := net.Config{MinVersion: 1}
	c.MinVersion = 2
	exec.LookPath("x")
	osexec.LookPath("y") // use os/exec.LookPath call
}
