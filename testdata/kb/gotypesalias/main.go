package main

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
)

func main() {
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, "a.go", "package a\ntype A = int\n", 0)
	conf := types.Config{Importer: importer.Default()}
	pkg, _ := conf.Check("a", fset, []*ast.File{f}, nil) // want gotypesalias
	info := &types.Info{}
	chk := types.NewChecker(&conf, fset, types.NewPackage("b", "b"), info) // want gotypesalias
	_ = chk
	fmt.Println(pkg.Scope().Lookup("A").Type().String()) // ok gotypesalias
}
