// Package unix is a stand-in for golang.org/x/sys/unix: only the names the fixture needs.
package unix

import "syscall"

// EINTR is the interrupted-system-call errno.
const EINTR = syscall.EINTR

// Read reads from a file descriptor.
func Read(fd int, p []byte) (int, error) { return 0, nil }

// EpollWait waits for events.
func EpollWait(epfd int, events []byte, msec int) (int, error) { return 0, nil }
