// Command tunedlate sets the GC percentage only in a helper, not in main(): not recognized.
package main // binary not-preservable gc-pacer-go118

import "runtime/debug"

func main() {
	tune()
}

func tune() {
	debug.SetGCPercent(63)
}
