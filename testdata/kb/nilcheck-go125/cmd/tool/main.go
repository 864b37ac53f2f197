// Command tool uses a result before checking its error, which Go 1.25 compiles to panic.
package main // binary not-preservable nilcheck-go125

import (
	"fmt"
	"os"
)

func main() {
	f, err := os.Open(os.Args[0])
	name := f.Name() // the dereference Go 1.21-1.24 delayed past the check
	if err != nil {
		return
	}
	fmt.Println(name)
}
