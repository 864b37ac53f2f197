// Package plugin finds kubectl plugins on PATH.
package plugin

import (
	"errors"
	"fmt"
	"os/exec"
)

// Lookup finds prefix-name on PATH; a plugin found relative to the current directory still counts.
func Lookup(prefix, name string) (string, bool) {
	path, err := exec.LookPath(fmt.Sprintf("%s-%s", prefix, name))
	if shouldSkipOnLookPathErr(err) || len(path) == 0 {
		return "", false
	}
	return path, true
}

func shouldSkipOnLookPathErr(err error) bool {
	return err != nil && !errors.Is(err, exec.ErrDot)
}
