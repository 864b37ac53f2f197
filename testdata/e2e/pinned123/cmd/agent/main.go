// agent: a go 1.21.0 module on Go 1.23 that still pins SHA-1 support.
package main

import (
	"time"

	"example.com/pinned123/pkg/tlsutil"
)

func main() {
	t := time.NewTimer(time.Minute)
	if !t.Stop() {
		<-t.C
	}
	_ = tlsutil.Server()
	_ = tlsutil.Verify(nil)
}
