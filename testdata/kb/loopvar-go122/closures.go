package loops

import (
	"fmt"
	"sort"
)

var registry = map[string]func() string{}

type handler struct{ run func() }

func deferred(names []string) {
	for _, n := range names { // want loopvar-go122
		defer func() { fmt.Println(n) }()
	}
}

func nested(groups [][]int) []func() int {
	var fs []func() int
	for g := range groups { // want loopvar-go122
		fs = append(fs, func() int {
			return func() int { return g }()
		})
	}
	return fs
}

func stored(keys []string) []handler {
	var hs []handler
	for _, k := range keys { // want loopvar-go122
		registry[k] = func() string { return k }
	}
	for i, k := range keys { // want loopvar-go122
		hs = append(hs, handler{run: func() { fmt.Println(i, k) }})
	}
	return hs
}

func passed(xs []int) {
	for _, x := range xs { // want loopvar-go122
		sort.Slice(xs, func(a, b int) bool { return xs[a]-x < xs[b]-x })
	}
}

// Captured by a literal in the loop's condition and post statement.
func inHeader(limit func(func() int) bool) {
	for i := 0; limit(func() int { return i }); i++ { // want loopvar-go122
	}
}

// Only read: each iteration's value is used before the next one starts.
func readOnly(xs []int) int {
	sum := 0
	for i, x := range xs { // ok loopvar-go122
		sum += i * x
	}
	return sum
}

// A literal in a return leaves every loop: the compiler does not count it.
func first(xs []int) func() int {
	for _, x := range xs { // ok loopvar-go122
		if x > 0 {
			return func() int { return x }
		}
	}
	return nil
}

// A literal called on the spot is inlined before the compiler's check: not a capture.
func called(xs []int) {
	for _, x := range xs { // ok loopvar-go122
		func() { fmt.Println(x) }()
	}
}

// One the inliner keeps (it defers): a capture.
func calledDeferring(xs []int) {
	for _, x := range xs { // want loopvar-go122
		func() {
			defer fmt.Println("done")
			fmt.Println(x)
		}()
	}
}

// The literal's parameter shadows the loop variable.
func param(xs []int) []func(int) int {
	var fs []func(int) int
	for _, x := range xs { // ok loopvar-go122
		fs = append(fs, func(x int) int { return x * 2 })
		_ = x
	}
	return fs
}
