//go:build !windows

package winlookpath

import "os/exec"

// Only Windows lookups changed.
func find(name string) (string, error) {
	return exec.LookPath(name) // ok lookpath-windows-errnotfound-go122
}
