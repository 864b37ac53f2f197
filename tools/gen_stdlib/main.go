// Command gen_stdlib writes the standard-library facts the scanner's type inference needs
// (analyzer/data/stdlib.json): for each root package every exported function's result types,
// package-level variables, and named types with their fields, embedded fields and methods' results;
// then, transitively, the named types those mention from other std packages.
//
// Usage: go run . -o stdlib.json crypto/tls crypto/x509 net ...
//
// Type notation (parsed by analyzer/scan/stdlib.py): `path.Name` for a named type (universe types
// bare: `error`, `int`), `*T`, `[]T` (arrays too), `map[K]V`, `chan T`, `func(R1,R2)` (results
// only), `?` for anything inference cannot use (anonymous structs, interfaces, type parameters).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"os"
	"runtime"
	"sort"
	"strings"
)

type typeInfo struct {
	Under   string              `json:"u,omitempty"` // underlying, for non-struct types; "struct"/"interface"
	Alias   string              `json:"a,omitempty"` // aliased type, for aliases
	Fields  map[string]string   `json:"f,omitempty"`
	Embeds  []string            `json:"e,omitempty"`
	Methods map[string][]string `json:"m,omitempty"`
}

type pkgInfo struct {
	Funcs  map[string][]string  `json:"funcs,omitempty"`
	Vars   map[string]string    `json:"vars,omitempty"`
	Consts []string             `json:"consts,omitempty"`
	Types  map[string]*typeInfo `json:"types,omitempty"`
}

type output struct {
	Version  int                 `json:"version"`
	Go       string              `json:"go"`
	Roots    []string            `json:"roots"`
	Packages map[string]*pkgInfo `json:"packages"`
}

type gen struct {
	out     output
	pending []*types.TypeName
	seen    map[*types.TypeName]bool
}

func (g *gen) enc(t types.Type) string {
	switch x := t.(type) {
	case *types.Alias:
		return g.enc(types.Unalias(x))
	case *types.Named:
		obj := x.Origin().Obj()
		if obj.Pkg() == nil {
			return obj.Name()
		}
		if obj.Exported() && obj.Parent() == obj.Pkg().Scope() {
			g.want(obj)
		}
		return obj.Pkg().Path() + "." + obj.Name()
	case *types.Basic:
		return x.Name()
	case *types.Pointer:
		return "*" + g.enc(x.Elem())
	case *types.Slice:
		return "[]" + g.enc(x.Elem())
	case *types.Array:
		return "[]" + g.enc(x.Elem())
	case *types.Map:
		return "map[" + g.enc(x.Key()) + "]" + g.enc(x.Elem())
	case *types.Chan:
		return "chan " + g.enc(x.Elem())
	case *types.Signature:
		return "func(" + strings.Join(g.results(x), ",") + ")"
	}
	return "?"
}

func (g *gen) results(sig *types.Signature) []string {
	var rs []string
	for i := 0; i < sig.Results().Len(); i++ {
		rs = append(rs, g.enc(sig.Results().At(i).Type()))
	}
	if rs == nil {
		rs = []string{}
	}
	return rs
}

func (g *gen) want(obj *types.TypeName) {
	if !g.seen[obj] {
		g.seen[obj] = true
		g.pending = append(g.pending, obj)
	}
}

func (g *gen) pkg(path string) *pkgInfo {
	p := g.out.Packages[path]
	if p == nil {
		p = &pkgInfo{}
		g.out.Packages[path] = p
	}
	return p
}

func (g *gen) typ(obj *types.TypeName) {
	p := g.pkg(obj.Pkg().Path())
	if p.Types == nil {
		p.Types = map[string]*typeInfo{}
	}
	ti := &typeInfo{}
	p.Types[obj.Name()] = ti
	if obj.IsAlias() {
		ti.Alias = g.enc(obj.Type())
		return
	}
	named, ok := obj.Type().(*types.Named)
	if !ok {
		return
	}
	switch u := named.Underlying().(type) {
	case *types.Struct:
		ti.Under = "struct"
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			if !f.Exported() {
				continue
			}
			if ti.Fields == nil {
				ti.Fields = map[string]string{}
			}
			ti.Fields[f.Name()] = g.enc(f.Type())
			if f.Embedded() {
				ti.Embeds = append(ti.Embeds, f.Name())
			}
		}
	case *types.Interface:
		// Only explicit methods: an embedded interface's methods are its own objects (io.Reader.Read
		// in io.ReadCloser), so they are found through the embedding, as go/types reports them.
		ti.Under = "interface"
		for i := 0; i < u.NumEmbeddeds(); i++ {
			if n, ok := types.Unalias(u.EmbeddedType(i)).(*types.Named); ok {
				if ti.Fields == nil {
					ti.Fields = map[string]string{}
				}
				ti.Fields[n.Obj().Name()] = g.enc(n)
				ti.Embeds = append(ti.Embeds, n.Obj().Name())
			}
		}
		for i := 0; i < u.NumExplicitMethods(); i++ {
			m := u.ExplicitMethod(i)
			if !m.Exported() {
				continue
			}
			if ti.Methods == nil {
				ti.Methods = map[string][]string{}
			}
			ti.Methods[m.Name()] = g.results(m.Type().(*types.Signature))
		}
		return
	default:
		ti.Under = g.enc(u)
	}
	for i := 0; i < named.NumMethods(); i++ {
		m := named.Method(i)
		if !m.Exported() {
			continue
		}
		if ti.Methods == nil {
			ti.Methods = map[string][]string{}
		}
		ti.Methods[m.Name()] = g.results(m.Type().(*types.Signature))
	}
}

func main() {
	outPath := flag.String("o", "stdlib.json", "output file")
	flag.Parse()
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	g := &gen{seen: map[*types.TypeName]bool{}}
	g.out = output{Version: 1, Go: runtime.Version(), Packages: map[string]*pkgInfo{}}
	roots := append([]string(nil), flag.Args()...)
	sort.Strings(roots)
	g.out.Roots = roots
	for _, path := range roots {
		pkg, err := imp.Import(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gen_stdlib: %s: %v\n", path, err)
			os.Exit(1)
		}
		p := g.pkg(path)
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			obj := scope.Lookup(name)
			if !obj.Exported() {
				continue
			}
			switch x := obj.(type) {
			case *types.Func:
				if p.Funcs == nil {
					p.Funcs = map[string][]string{}
				}
				p.Funcs[name] = g.results(x.Type().(*types.Signature))
			case *types.Var:
				if p.Vars == nil {
					p.Vars = map[string]string{}
				}
				p.Vars[name] = g.enc(x.Type())
			case *types.Const:
				p.Consts = append(p.Consts, name)
			case *types.TypeName:
				g.want(x)
			}
		}
	}
	for len(g.pending) > 0 {
		obj := g.pending[0]
		g.pending = g.pending[1:]
		if strings.HasPrefix(obj.Pkg().Path(), "vendor/") || strings.Contains(obj.Pkg().Path(), "internal") {
			continue
		}
		g.typ(obj)
	}
	data, err := json.Marshal(g.out)
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(*outPath, append(data, '\n'), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen_stdlib:", err)
		os.Exit(1)
	}
}
