//go:build go1.22 && !windows

package loops

// A go1.22 build line gives this file the new semantics already, in a module at an older go line.
func newSemantics(xs []int) []*int {
	var out []*int
	for _, x := range xs { // ok loopvar-go122
		out = append(out, &x)
	}
	return out
}
