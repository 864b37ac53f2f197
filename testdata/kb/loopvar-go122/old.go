//go:build go1.21

package loops

// A go1.21 build line keeps this file on the old semantics whatever the module's go line says.
func oldSemantics(xs []int) []*int {
	var out []*int
	for _, x := range xs { // ok loopvar-go122
		out = append(out, &x)
	}
	return out
}
