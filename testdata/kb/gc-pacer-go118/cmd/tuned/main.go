// Command tuned defaults GOGC in main(), the KEP-3744 way to keep go1.17 memory use.
package main // binary mitigated gc-pacer-go118

import (
	"os"
	"runtime/debug"
)

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(63)
	}
	serve()
}

func serve() {}
