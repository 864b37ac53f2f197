// Package exec runs credential plugins. Unlike kubectl plugins, they stay strict about ErrDot.
package exec

import (
	"os/exec"
)

// Credentials runs the named credential plugin and returns its output.
func Credentials(cmd string) ([]byte, error) {
	path, err := exec.LookPath(cmd)
	if err != nil {
		return nil, err
	}
	return exec.Command(path).Output()
}
