// Package unixeof exercises net.UnixConn's packet reads, which since Go 1.27 return io.EOF itself
// instead of a *net.OpError wrapping it.
package unixeof

import (
	"errors"
	"net"
)

// Read comes from net's conn type, which returned io.EOF itself before Go 1.27 too.
func read(c *net.UnixConn, buf []byte) (int, error) {
	return c.Read(buf) // ok unixconn-eof-go127
}

func readFrom(c *net.UnixConn, buf []byte) (int, *net.UnixAddr, error) {
	return c.ReadFromUnix(buf) // want unixconn-eof-go127
}

func readFromAddr(c *net.UnixConn, buf []byte) (int, net.Addr, error) {
	return c.ReadFrom(buf) // want unixconn-eof-go127
}

func readMsg(c *net.UnixConn, buf, oob []byte) (int, int, int, *net.UnixAddr, error) {
	return c.ReadMsgUnix(buf, oob) // want unixconn-eof-go127
}

// A TCP connection keeps its errors as they were.
func tcp(c *net.TCPConn, buf []byte) (int, error) {
	return c.Read(buf) // ok unixconn-eof-go127
}

// Writes are unchanged.
func write(c *net.UnixConn, buf []byte) (int, error) {
	return c.Write(buf) // ok unixconn-eof-go127
}

func isOpError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op)
}
