// kubectl: plugin lookup tolerates ErrDot; the credential plugin path stays strict.
package main

import (
	"os"

	"example.com/release123/pkg/plugin"
	"example.com/release123/pkg/webhook"
)

func main() {
	_, _ = plugin.Find(os.Args[1])
	_ = plugin.Credential("kubelogin")
	_ = webhook.Check(nil)
}
