// Package loops exercises Go 1.22's per-iteration loop variables, chosen by each file's language
// version (the module's go line, or a //go:build goX.Y line). Markers sit on the line that declares
// the variable (where `go build -gcflags=-d=loopvar=2` reports it): `want` for a loop whose
// semantics change when the file's language version moves to 1.22, `ok` for one where they cannot.
// The fixture runner hands every file to the loop-variable pass as if the module's go line crossed
// 1.22; the planner does that only for modules whose go line does.
package loops

import "sync"

func closures() []func() int {
	var fs []func() int
	for i := 0; i < 3; i++ { // want loopvar-go122
		fs = append(fs, func() int { return i })
	}
	return fs
}

func goroutines(items []string, f func(string)) {
	var wg sync.WaitGroup
	for _, it := range items { // want loopvar-go122
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(it)
		}()
	}
	wg.Wait()
}

func addresses(xs []int) []*int {
	var out []*int
	for _, x := range xs { // want loopvar-go122
		out = append(out, &x)
	}
	return out
}

// A copy per iteration was always safe.
func copied(xs []int) []*int {
	var out []*int
	for _, x := range xs { // ok loopvar-go122
		x := x
		out = append(out, &x)
	}
	return out
}
