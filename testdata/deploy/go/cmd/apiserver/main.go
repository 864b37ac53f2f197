package main

import (
	"os"
	"os/exec"
	"strings"
)

// os.Setenv("GODEBUG", "x509sha1=1") was the release-1.23 pattern.
func main() {
	if godebug := os.Getenv("GODEBUG"); !strings.Contains(godebug, "x509sha1") { // expect: reads-env GODEBUG -> apiserver
		os.Setenv("GODEBUG", "x509sha1=1") // expect: silently-ignored x509sha1=1 -> apiserver
	}
	os.Setenv("GOGC", os.Getenv("APISERVER_GOGC")) // expect: not-static GOGC -> apiserver
	os.Setenv("GODEBUG", strings.TrimPrefix(os.Getenv("GODEBUG")+",tlsrsakex=1", ",")) // expect: not-static GODEBUG, reads-env GODEBUG, silently-ignored tlsrsakex=1 -> apiserver
	cmd := exec.Command("plugin")
	cmd.Env = append(os.Environ(), "GODEBUG=tls3des=1") // expect: startup-fatal tls3des=1
	_ = "not GODEBUG=x509sha1=1 here"
	/* "GODEBUG=tls10server=1" */
	_ = cmd.Run()
}
