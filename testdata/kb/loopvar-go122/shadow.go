package loops

import "fmt"

// Loops that declare nothing keep one variable, in every language version.
func undeclared(xs []int) []func() int {
	var fs []func() int
	i := 0
	for i = 0; i < len(xs); i++ { // ok loopvar-go122
		fs = append(fs, func() int { return i })
	}
	var k, v int
	for k, v = range xs { // ok loopvar-go122
		fs = append(fs, func() int { return k + v })
	}
	for range xs { // ok loopvar-go122
		fs = append(fs, func() int { return 0 })
	}
	return fs
}

func shadowed(xs []int) []func() {
	var fs []func()
	for _, x := range xs { // ok loopvar-go122
		x := x * 2
		fs = append(fs, func() { fmt.Println(x) })
	}
	for _, x := range xs { // ok loopvar-go122
		var x = fmt.Sprint(x)
		fs = append(fs, func() { fmt.Println(x) })
	}
	for _, x := range xs { // ok loopvar-go122
		if x := x + 1; x > 0 {
			fs = append(fs, func() { fmt.Println(x) })
		}
	}
	for i, x := range xs { // want loopvar-go122
		x := x
		fs = append(fs, func() { fmt.Println(i, x) })
	}
	return fs
}

// A blank variable is never a candidate.
func blank(xs []int) []func() {
	var fs []func()
	for _ = range xs { // ok loopvar-go122
		fs = append(fs, func() {})
	}
	return fs
}
