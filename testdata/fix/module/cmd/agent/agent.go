// Command agent keeps its own GODEBUG default in main().
package main

import "os"

func main() {
	os.Setenv("GODEBUG", "htmlmetacontenturlescape=0")
}
