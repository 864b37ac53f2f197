//go:build go1.23

package loops

import "fmt"

// Range over a function needs Go 1.23, so its file already has per-iteration variables (and a
// go1.23 build line): no bump changes it.
func seq(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n && yield(i); i++ { // ok loopvar-go122
		}
	}
}

func overFunc() []func() {
	var fs []func()
	for v := range seq(3) { // ok loopvar-go122
		fs = append(fs, func() { fmt.Println(v) })
	}
	for i := 0; i < 3; i++ { // ok loopvar-go122
		fs = append(fs, func() { fmt.Println(i) })
	}
	return fs
}
