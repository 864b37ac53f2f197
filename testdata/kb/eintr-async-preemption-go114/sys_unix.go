//go:build linux || darwin

// Package eintr exercises raw system calls, which see more EINTR since Go 1.14's async preemption.
package eintr

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
	sys "golang.org/x/sys/unix"
)

func readRaw(fd int, buf []byte) (int, error) {
	return syscall.Read(fd, buf) // want eintr-async-preemption-go114
}

func writeRaw(fd int, buf []byte) (int, error) {
	return syscall.Write(fd, buf) // want eintr-async-preemption-go114
}

func wait(pid int) error {
	var ws syscall.WaitStatus
	_, err := syscall.Wait4(pid, &ws, 0, nil) // want eintr-async-preemption-go114
	return err
}

func readUnix(fd int, buf []byte) (int, error) {
	return sys.Read(fd, buf) // want eintr-async-preemption-go114
}

// The usual fix: retry while the call is interrupted.
func readRetry(fd int, buf []byte) (int, error) {
	for {
		n, err := syscall.Read(fd, buf) // ok eintr-async-preemption-go114
		if err != syscall.EINTR {
			return n, err
		}
	}
}

func epollRetry(epfd int, events []byte) (int, error) {
	for {
		n, err := unix.EpollWait(epfd, events, -1) // ok eintr-async-preemption-go114
		if err == unix.EINTR {
			continue
		}
		return n, err
	}
}

// The os package retries EINTR itself (Go 1.15+, golang/go#38033).
func viaOS(name string) ([]byte, error) {
	return os.ReadFile(name) // ok eintr-async-preemption-go114
}
