//go:build !go1.27

package constrained

import "time"

type conn struct {
	idle *time.Timer
}

func (c *conn) stop() {
	c.idle.Stop() // use time.Timer.Stop call
}
