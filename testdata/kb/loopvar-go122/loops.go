// Package loops exercises Go 1.22's per-iteration loop variables, chosen by each file's language
// version (the module's go line, or a //go:build goX.Y line). The scanner reports no syntax
// pattern for loop variables yet, so every affected loop is a known miss.
package loops

import "sync"

func closures() []func() int {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i }) // todo-want loopvar-go122
	}
	return fs
}

func goroutines(items []string, f func(string)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() { // todo-want loopvar-go122
			defer wg.Done()
			f(it)
		}()
	}
	wg.Wait()
}

func addresses(xs []int) []*int {
	var out []*int
	for _, x := range xs {
		out = append(out, &x) // todo-want loopvar-go122
	}
	return out
}

// A copy per iteration was always safe.
func copied(xs []int) []*int {
	var out []*int
	for _, x := range xs {
		x := x
		out = append(out, &x) // ok loopvar-go122
	}
	return out
}
