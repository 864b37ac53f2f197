package eintr

import "syscall"

// Windows has no signal-based preemption of system calls.
func readWindows(h syscall.Handle, buf []byte) (int, error) {
	return syscall.Read(h, buf) // ok eintr-async-preemption-go114
}
