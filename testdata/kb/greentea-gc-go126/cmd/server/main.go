// Command server: a GC percentage chosen in main() does not bring the old collector back.
package main // binary not-preservable greentea-gc-go126

import "runtime/debug"

func main() {
	debug.SetGCPercent(100)
}
