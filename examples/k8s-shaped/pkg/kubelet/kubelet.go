// Package kubelet is the node agent.
package kubelet

import (
	"crypto/tls"
	"errors"
	"net"
	"time"
)

// Run runs the sync loop until the stop timer fires.
func Run(args []string) error {
	t := time.NewTimer(time.Second)
	for i := 0; i < 3; i++ {
		if !t.Stop() {
			<-t.C
		}
		t.Reset(10 * time.Millisecond)
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	_ = cfg
	if len(args) > 0 && net.ParseIP(args[0]) == nil {
		return errors.New("bad node IP")
	}
	return nil
}

// legacyNodeAddress is kept for the old --address flag; nothing calls it any more.
func legacyNodeAddress(s string) net.IP {
	return net.ParseIP(s)
}

func recoverSync() {
	defer func() { _ = recover() }()
	panic(nil)
}

// retryLegacy was the sync loop's old back-off; nothing calls it since Run's loop replaced it.
func retryLegacy() {
	t := time.NewTimer(time.Second)
	<-t.C
}
