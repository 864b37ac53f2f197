// Package plugin finds kubectl plugins and credential plugins.
package plugin

import (
	"errors"
	"os/exec"
)

// Find looks a plugin up on PATH; one found relative to the current directory still counts.
func Find(name string) (string, error) {
	path, err := exec.LookPath("kubectl-" + name)
	if err != nil && !errors.Is(err, exec.ErrDot) {
		return "", err
	}
	return path, nil
}

// Credential runs a credential plugin: strict, a plugin in the current directory is refused since go1.19.
func Credential(name string) error {
	return exec.Command(name).Run()
}
