package main

import (
	"net"
	"testing"
)

func TestParse(t *testing.T) {
	net.ParseIP("1.2.3.4") // use net.ParseIP call
}
