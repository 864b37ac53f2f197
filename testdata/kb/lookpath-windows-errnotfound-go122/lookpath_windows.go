// Package winlookpath exercises os/exec on Windows, where since Go 1.22 LookPath ignores empty %PATH%
// entries and reports ErrNotFound (not ErrNotExist) when no executable extension resolves a name.
package winlookpath

import (
	"errors"
	"io/fs"
	"os/exec"
)

func missing(name string) bool {
	_, err := exec.LookPath(name) // want lookpath-windows-errnotfound-go122
	return errors.Is(err, fs.ErrNotExist)
}

// Code that already tests exec.ErrNotFound sees the same answer.
func missingChecked(name string) bool {
	_, err := exec.LookPath(name) // ok lookpath-windows-errnotfound-go122
	return errors.Is(err, exec.ErrNotFound)
}
