// Package wait has polling helpers.
package wait

import "time"

// Until runs f every period until stop is closed; with period 0 it runs f once.
func Until(f func(), period time.Duration, stop <-chan struct{}) {
	if period == 0 {
		f()
		return
	}
	t := time.NewTimer(period)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			f()
			t.Reset(period)
		}
	}
}

// Funcs returns closures that each report their index; with go 1.21 loop semantics they all see the last.
func Funcs(n int) []func() int {
	var out []func() int
	for i := 0; i < n; i++ {
		out = append(out, func() int { return i })
	}
	return out
}
