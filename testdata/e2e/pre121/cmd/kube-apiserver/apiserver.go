// kube-apiserver on release-1.23, moved from go1.17 to go1.19 (kubernetes#113983).
package main

import (
	"os"
	"runtime/debug"
	"strings"

	"example.com/release123/pkg/webhook"
)

func main() {
	if godebug := os.Getenv("GODEBUG"); !strings.Contains(godebug, "x509sha1") {
		// match go1.17 default behavior on release-1.23: see https://go.dev/doc/go1.18#sha1
		os.Setenv("GODEBUG", strings.TrimPrefix(godebug+",x509sha1=1", ","))
	}
	if os.Getenv("GOGC") == "" {
		// match go1.17 memory use characteristics
		debug.SetGCPercent(63)
	}
	_ = webhook.Check(nil)
}
