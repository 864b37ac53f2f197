// Package unalias already resolves aliases: the Checker use is neutralized.
package unalias

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Check type-checks files and resolves alias types.
func Check(fset *token.FileSet, files []*ast.File) types.Type {
	var conf types.Config
	pkg, _ := conf.Check("p", fset, files, nil) // ok gotypesalias
	return types.Unalias(pkg.Scope().Lookup("A").Type())
}
