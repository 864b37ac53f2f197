package loops

import "fmt"

// Range over an integer (Go 1.22) declares a per-iteration variable too.
func ints(n int) []func() {
	var fs []func()
	for i := range n { // want loopvar-go122
		fs = append(fs, func() { fmt.Println(i) })
	}
	for i := range 10 { // ok loopvar-go122
		fmt.Println(i)
	}
	return fs
}
