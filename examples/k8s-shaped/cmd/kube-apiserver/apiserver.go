// kube-apiserver serves the API. Its main() keeps go1.17 defaults the way release-1.23 did.
package main

import (
	"os"
	"runtime/debug"
	"strings"

	"k8s.example/kubernetes/pkg/controlplane"
)

func main() {
	if godebug := os.Getenv("GODEBUG"); !strings.Contains(godebug, "x509sha1") {
		// match go1.17 default behavior: see https://go.dev/doc/go1.18#sha1
		os.Setenv("GODEBUG", strings.TrimPrefix(godebug+",x509sha1=1", ","))
	}
	if os.Getenv("GOGC") == "" {
		// preserve go1.17 memory use characteristics
		debug.SetGCPercent(63)
	}
	os.Exit(controlplane.Run(os.Args[1:]))
}
