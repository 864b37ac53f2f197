// Package curves exercises Config.CurvePreferences, whose order crypto/tls ignores since Go 1.24.
package curves

import "crypto/tls"

func preferP256() *tls.Config {
	return &tls.Config{
		CurvePreferences: []tls.CurveID{tls.CurveP256, tls.X25519}, // want tls-curve-order-go124
	}
}

func later(c *tls.Config) {
	c.CurvePreferences = []tls.CurveID{tls.X25519} // want tls-curve-order-go124
}

// Reading the list changes nothing.
func enabled(c *tls.Config) int {
	return len(c.CurvePreferences) // ok tls-curve-order-go124
}
