//go:build go1.27

package constrained

// The stripped-down twin of the old implementation's type.
type conn struct{}
