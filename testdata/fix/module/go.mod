// example.com/module: a go.mod with comments and a godebug block already present.
module example.com/module

// The go line stays where it is (KEP-3744).
go 1.23.0 // do not bump without an audit

toolchain go1.23.9

godebug (
	// panics on nil keep the Go 1.20 behavior
	panicnil=1
	tlsrsakex=1 // pinned long ago; Go 1.27 removed it
)
