// Command accuracy is the go/types oracle for godebug-audit's scanner.
//
// It type-checks every Go file of a tree with the standard library resolved exactly (from GOROOT
// source) and every other import faked as an empty package, and reports each use of a target
// symbol in the scanner's JSON format: {"uses": [{file, line, column, package, symbol, kind, test,
// vendor, generated}]}. Because only std targets matter and std identity is exact, a use the
// oracle reports is a true use; a use it cannot type (a value of a faked package's type) is listed
// with -unresolved so that compare.py can tell oracle limits from scanner errors.
//
// Usage: accuracy -targets TARGETS.json [-jobs N] [-unresolved OUT.json] TREE > USES.json
//
// TARGETS.json is either `godebug-audit kb list --format json` output ({"entries": [{"affects":
// [{"package","symbol"}], "neutralizers": [...]}]}) or a plain list [{"package","symbol"}].
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Use is one reported use, the scanner's JSON shape.
type Use struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	Package   string `json:"package"`
	Symbol    string `json:"symbol"`
	Kind      string `json:"kind"`
	Test      bool   `json:"test"`
	Vendor    bool   `json:"vendor"`
	Generated bool   `json:"generated"`
}

// Unresolved is a selector naming a target identifier whose operand the oracle could not type.
type Unresolved struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Name   string `json:"name"`
	Pass   string `json:"pass"`
}

type target struct{ pkg, sym string }

type srcFile struct {
	rel, abs string
	pkgName  string
	test     bool
}

// group is one type-checking unit: files of one directory forming one package.
type group struct {
	dir   string
	files []srcFile
	pass  string
	// report lists the files whose uses this pass reports (nil: all).
	report map[string]bool
}

func main() {
	targetsPath := flag.String("targets", "", "targets JSON (kb list output or [{package,symbol}])")
	jobs := flag.Int("jobs", runtime.NumCPU(), "parallel type-checking workers")
	unresolvedPath := flag.String("unresolved", "", "write untypable selectors naming target identifiers here")
	skipTestdata := flag.Bool("skip-testdata", false, "skip testdata/ directories (the go tool ignores them)")
	extraMods := flag.String("modules", "", "comma-separated roots whose go.mod modules also resolve imports")
	deps := flag.String("deps", "tree", "tree: resolve non-std imports from vendor/ and the tree's modules; fake: empty")
	flag.Parse()
	if *targetsPath == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: accuracy -targets FILE [-jobs N] [-unresolved OUT] TREE")
		os.Exit(2)
	}
	targets, err := readTargets(*targetsPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "accuracy:", err)
		os.Exit(2)
	}
	root, err := filepath.Abs(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "accuracy:", err)
		os.Exit(2)
	}
	files, err := walk(root, *skipTestdata)
	if err != nil {
		fmt.Fprintln(os.Stderr, "accuracy:", err)
		os.Exit(2)
	}
	o := newOracle(targets)
	if *deps == "tree" {
		var extra []string
		for _, e := range strings.Split(*extraMods, ",") {
			if e != "" {
				abs, _ := filepath.Abs(e)
				extra = append(extra, abs)
			}
		}
		o.imp = newTreeImporter(root, extra, o.std, o)
	}
	uses, unresolved, stats := o.run(files, *jobs)
	fmt.Fprintf(os.Stderr, "accuracy: %d files, %d packages checked, %s; %d uses, %d unresolved selectors\n",
		len(files), stats.groups, stats.passes(), len(uses), len(unresolved))
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(map[string]any{"uses": uses}); err != nil {
		fmt.Fprintln(os.Stderr, "accuracy:", err)
		os.Exit(2)
	}
	if *unresolvedPath != "" {
		data, _ := json.Marshal(map[string]any{"unresolved": unresolved})
		if err := os.WriteFile(*unresolvedPath, data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "accuracy:", err)
			os.Exit(2)
		}
	}
}

func readTargets(path string) (map[target]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	type api struct {
		Package string `json:"package"`
		Symbol  string `json:"symbol"`
	}
	var list []api
	if err := json.Unmarshal(data, &list); err != nil {
		var kb struct {
			Entries []struct {
				Affects      []api `json:"affects"`
				Neutralizers []api `json:"neutralizers"`
			} `json:"entries"`
		}
		if err2 := json.Unmarshal(data, &kb); err2 != nil {
			return nil, fmt.Errorf("%s: neither a target list nor kb list output: %v", path, err2)
		}
		for _, e := range kb.Entries {
			list = append(list, e.Affects...)
			list = append(list, e.Neutralizers...)
		}
	}
	out := map[target]bool{}
	for _, a := range list {
		if a.Package != "" && a.Symbol != "" {
			out[target{a.Package, a.Symbol}] = true
		}
	}
	return out, nil
}

// walk lists the .go files under root, skipping directories the go tool never reads ('.', '_').
func walk(root string, skipTestdata bool) ([]srcFile, error) {
	var out []srcFile
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
				(skipTestdata && name == "testdata")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(name, ".go") {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, srcFile{rel: filepath.ToSlash(rel), abs: p, test: strings.HasSuffix(name, "_test.go")})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out, err
}

type stats struct {
	groups  int
	perPass map[string]int
}

func (s stats) passes() string {
	var keys []string
	for k := range s.perPass {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %d files", k, s.perPass[k]))
	}
	return strings.Join(parts, ", ")
}

type oracle struct {
	targets map[target]bool
	names   map[string]bool // last component of every target symbol
	fset    *token.FileSet
	std     *lockedImporter
	imp     types.ImporterFrom

	mu       sync.Mutex
	parsed   map[string]*ast.File
	fields   map[*types.Var]string // std struct field -> "Type.field"
	doneKeys map[*types.Package]bool
}

// fieldName is "Type.field" for a field of a named struct type declared at std package level.
func (o *oracle) fieldName(v *types.Var) string {
	p := v.Pkg()
	if p == nil || !isStd(p.Path()) {
		return ""
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.doneKeys[p] {
		o.doneKeys[p] = true
		scope := p.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok {
				continue
			}
			if st, ok := tn.Type().Underlying().(*types.Struct); ok {
				for i := 0; i < st.NumFields(); i++ {
					o.fields[st.Field(i)] = tn.Name() + "." + st.Field(i).Name()
				}
			}
		}
	}
	return o.fields[v]
}

func newOracle(targets map[target]bool) *oracle {
	fset := token.NewFileSet()
	// cgo off: std exports are the same, and the source importer then needs no C toolchain.
	build.Default.CgoEnabled = false
	imp := importer.ForCompiler(fset, "source", nil).(types.ImporterFrom)
	names := map[string]bool{}
	for t := range targets {
		parts := strings.Split(t.sym, ".")
		names[parts[len(parts)-1]] = true
	}
	std := &lockedImporter{std: imp, fakes: map[string]*types.Package{}}
	return &oracle{
		targets: targets, names: names, fset: fset, std: std, imp: std,
		parsed:   map[string]*ast.File{},
		fields:   map[*types.Var]string{},
		doneKeys: map[*types.Package]bool{},
	}
}

// lockedImporter resolves std packages from GOROOT source (shared, serialized) and fakes the rest.
type lockedImporter struct {
	mu    sync.Mutex
	std   types.ImporterFrom
	fakes map[string]*types.Package
}

func isStd(path string) bool {
	if path == "C" || path == "unsafe" {
		return true
	}
	first := strings.SplitN(path, "/", 2)[0]
	if strings.Contains(first, ".") || strings.HasPrefix(path, "vendor/") {
		return false
	}
	return stdDirExists(path)
}

var stdDirCache sync.Map

func stdDirExists(path string) bool {
	if v, ok := stdDirCache.Load(path); ok {
		return v.(bool)
	}
	st, err := os.Stat(filepath.Join(build.Default.GOROOT, "src", filepath.FromSlash(path)))
	ok := err == nil && st.IsDir()
	stdDirCache.Store(path, ok)
	return ok
}

func (li *lockedImporter) Import(path string) (*types.Package, error) {
	return li.ImportFrom(path, "", 0)
}

func (li *lockedImporter) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	li.mu.Lock()
	defer li.mu.Unlock()
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if isStd(path) {
		if pkg, err := li.std.ImportFrom(path, build.Default.GOROOT, mode); err == nil {
			return pkg, nil
		}
	}
	if p, ok := li.fakes[path]; ok {
		return p, nil
	}
	p := types.NewPackage(path, guessName(path))
	p.MarkComplete()
	li.fakes[path] = p
	return p, nil
}

// guessName is the conventional package name of an import path (gopkg.in/yaml.v2 -> yaml, x/v2 -> x).
func guessName(path string) string {
	parts := strings.Split(path, "/")
	name := parts[len(parts)-1]
	if len(parts) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = parts[len(parts)-2]
	}
	if i := strings.Index(name, ".v"); i > 0 {
		name = name[:i]
	}
	name = strings.TrimPrefix(name, "go-")
	name = strings.TrimSuffix(name, "-go")
	name = strings.ReplaceAll(name, "-", "")
	name = strings.ReplaceAll(name, ".", "")
	return name
}

// groups splits the files into type-checking units for one pass.
func groupFiles(files []srcFile, pass string, report map[string]bool) []*group {
	byKey := map[string]*group{}
	var keys []string
	for _, f := range files {
		dir := filepath.Dir(f.abs)
		name := f.pkgName
		// In-package test files join the package; external test packages (x_test) are their own unit.
		key := dir + "\x00" + name
		g, ok := byKey[key]
		if !ok {
			g = &group{dir: dir, pass: pass, report: report}
			byKey[key] = g
			keys = append(keys, key)
		}
		g.files = append(g.files, f)
	}
	sort.Strings(keys)
	out := make([]*group, 0, len(keys))
	for _, k := range keys {
		out = append(out, byKey[k])
	}
	return out
}

type platform struct{ goos, goarch string }

var extraPlatforms = []platform{{"windows", "amd64"}, {"darwin", "arm64"}, {"freebsd", "amd64"}, {"linux", "arm64"}}

func (o *oracle) run(files []srcFile, jobs int) ([]Use, []Unresolved, stats) {
	st := stats{perPass: map[string]int{}}
	// Parse everything once (package clause and imports decide grouping).
	var valid []srcFile
	for i := range files {
		f := &files[i]
		af, err := parser.ParseFile(o.fset, f.abs, nil, parser.ParseComments|parser.SkipObjectResolution)
		if af == nil || af.Name == nil {
			fmt.Fprintf(os.Stderr, "accuracy: %s: %v\n", f.rel, err)
			continue
		}
		f.pkgName = af.Name.Name
		o.parsed[f.abs] = af
		valid = append(valid, *f)
	}
	covered := map[string]bool{}
	var all []*group
	addPass := func(name string, sel []srcFile, report map[string]bool) {
		gs := groupFiles(sel, name, report)
		all = append(all, gs...)
		for _, f := range sel {
			if report == nil || report[f.rel] {
				st.perPass[name]++
			}
		}
	}
	// Pass 1: linux/amd64, exactly as the go tool would build.
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH = "linux", "amd64"
	var sel []srcFile
	for _, f := range valid {
		if ok, _ := ctx.MatchFile(filepath.Dir(f.abs), filepath.Base(f.abs)); ok {
			sel = append(sel, f)
			covered[f.rel] = true
		}
	}
	addPass("linux/amd64", sel, nil)
	// Pass 2: other platforms, reporting only files no earlier pass covered.
	for _, p := range extraPlatforms {
		c := build.Default
		c.GOOS, c.GOARCH = p.goos, p.goarch
		var sel []srcFile
		report := map[string]bool{}
		for _, f := range valid {
			if ok, _ := c.MatchFile(filepath.Dir(f.abs), filepath.Base(f.abs)); ok {
				sel = append(sel, f)
				if !covered[f.rel] {
					report[f.rel] = true
				}
			}
		}
		if len(report) == 0 {
			continue
		}
		for r := range report {
			covered[r] = true
		}
		// Only units holding a reported file need checking.
		addPass(p.goos+"/"+p.goarch, onlyDirsOf(sel, report), report)
	}
	// Pass 3: the rest (custom tags, ignore): all files of the package regardless of constraints.
	report := map[string]bool{}
	for _, f := range valid {
		if !covered[f.rel] {
			report[f.rel] = true
		}
	}
	if len(report) > 0 {
		addPass("any-constraint", onlyDirsOf(valid, report), report)
	}
	st.groups = len(all)

	var mu sync.Mutex
	seen := map[string]bool{}
	uses := []Use{}
	unresolved := []Unresolved{}
	work := make(chan *group)
	var wg sync.WaitGroup
	for i := 0; i < max(jobs, 1); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range work {
				us, un := o.check(g)
				mu.Lock()
				for _, u := range us {
					k := fmt.Sprintf("%s:%d:%d:%s:%s", u.File, u.Line, u.Column, u.Package, u.Symbol)
					if !seen[k] {
						seen[k] = true
						uses = append(uses, u)
					}
				}
				unresolved = append(unresolved, un...)
				mu.Unlock()
			}
		}()
	}
	for _, g := range all {
		work <- g
	}
	close(work)
	wg.Wait()
	sort.Slice(uses, func(i, j int) bool {
		a, b := uses[i], uses[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Package+a.Symbol < b.Package+b.Symbol
	})
	sort.Slice(unresolved, func(i, j int) bool {
		a, b := unresolved[i], unresolved[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	unresolved = dedupUnresolved(unresolved)
	return uses, unresolved, st
}

func dedupUnresolved(in []Unresolved) []Unresolved {
	out := []Unresolved{}
	for i, u := range in {
		if i > 0 && in[i-1].File == u.File && in[i-1].Line == u.Line && in[i-1].Column == u.Column {
			continue
		}
		out = append(out, u)
	}
	return out
}

// onlyDirsOf keeps the files of sel whose directory holds a file in report.
func onlyDirsOf(sel []srcFile, report map[string]bool) []srcFile {
	dirs := map[string]bool{}
	for _, f := range sel {
		if report[f.rel] {
			dirs[filepath.Dir(f.abs)] = true
		}
	}
	var out []srcFile
	for _, f := range sel {
		if dirs[filepath.Dir(f.abs)] {
			out = append(out, f)
		}
	}
	return out
}

// check type-checks one unit and returns the target uses in its reported files.
func (o *oracle) check(g *group) ([]Use, []Unresolved) {
	var afs []*ast.File
	meta := map[*ast.File]srcFile{}
	for _, f := range g.files {
		af := o.parsedFile(f.abs)
		afs = append(afs, af)
		meta[af] = f
	}
	info := &types.Info{
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Types:      map[ast.Expr]types.TypeAndValue{},
	}
	conf := types.Config{Importer: o.imp, Error: func(error) {}, FakeImportC: true}
	pkgPath := "oracle/" + filepath.ToSlash(g.dir) + "/" + afs[0].Name.Name
	_, _ = conf.Check(pkgPath, o.fset, afs, info)
	var uses []Use
	var unresolved []Unresolved
	for _, af := range afs {
		f := meta[af]
		if g.report != nil && !g.report[f.rel] {
			continue
		}
		generated := ast.IsGenerated(af)
		vendor := strings.HasPrefix(f.rel, "vendor/") || strings.Contains(f.rel, "/vendor/")
		ctx := classify(af)
		pos := func(id *ast.Ident) (int, int) {
			p := o.fset.PositionFor(id.Pos(), false) // ignore //line directives
			return p.Line, p.Column
		}
		for id, obj := range info.Uses {
			if id.Pos() < af.FileStart || id.Pos() > af.FileEnd {
				continue
			}
			pkgPath, sym, kind := o.describe(obj, id, ctx)
			if sym == "" || !o.targets[target{pkgPath, sym}] {
				continue
			}
			line, col := pos(id)
			uses = append(uses, Use{File: f.rel, Line: line, Column: col, Package: pkgPath, Symbol: sym,
				Kind: kind, Test: f.test, Vendor: vendor, Generated: generated})
		}
		ast.Inspect(af, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok || !o.names[sel.Sel.Name] {
				return true
			}
			if _, ok := info.Uses[sel.Sel]; ok {
				return true
			}
			line, col := pos(sel.Sel)
			unresolved = append(unresolved, Unresolved{File: f.rel, Line: line, Column: col, Name: sel.Sel.Name,
				Pass: g.pass})
			return true
		})
	}
	return uses, unresolved
}

// syntactic roles of identifiers in a file.
type roles struct {
	callee    map[*ast.Ident]bool
	compositT map[*ast.Ident]bool
}

func classify(af *ast.File) roles {
	r := roles{callee: map[*ast.Ident]bool{}, compositT: map[*ast.Ident]bool{}}
	name := func(e ast.Expr) *ast.Ident {
		for {
			switch x := e.(type) {
			case *ast.ParenExpr:
				e = x.X
			case *ast.IndexExpr: // generic instantiation F[T]
				e = x.X
			case *ast.IndexListExpr:
				e = x.X
			case *ast.Ident:
				return x
			case *ast.SelectorExpr:
				return x.Sel
			default:
				return nil
			}
		}
	}
	ast.Inspect(af, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			if id := name(x.Fun); id != nil {
				r.callee[id] = true
			}
		case *ast.CompositeLit:
			if x.Type != nil {
				if id := name(x.Type); id != nil {
					r.compositT[id] = true
				}
			}
		}
		return true
	})
	return r
}

// describe names obj in KB notation (package path, symbol) and the use's kind.
func (o *oracle) describe(obj types.Object, id *ast.Ident, r roles) (string, string, string) {
	if obj == nil || obj.Pkg() == nil {
		return "", "", ""
	}
	path := obj.Pkg().Path()
	if strings.HasPrefix(path, "oracle/") {
		return "", "", ""
	}
	switch x := obj.(type) {
	case *types.Func:
		x = x.Origin()
		sig, _ := x.Type().(*types.Signature)
		kind := "ref"
		if r.callee[id] {
			kind = "call"
		}
		if sig == nil || sig.Recv() == nil {
			return path, x.Name(), kind
		}
		tn := recvTypeName(sig.Recv().Type())
		if tn == "" {
			return "", "", ""
		}
		return path, tn + "." + x.Name(), kind
	case *types.Var:
		x = x.Origin()
		if x.IsField() {
			sym := o.fieldName(x)
			if sym == "" {
				return "", "", ""
			}
			return path, sym, "field"
		}
		if x.Parent() == x.Pkg().Scope() {
			return path, x.Name(), "ref"
		}
	case *types.Const:
		return path, x.Name(), "ref"
	case *types.TypeName:
		if r.compositT[id] {
			return path, x.Name(), "composite"
		}
		if r.callee[id] {
			return path, x.Name(), "ref" // a conversion
		}
		return path, x.Name(), "ref"
	}
	return "", "", ""
}

func recvTypeName(t types.Type) string {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	if n, ok := t.(*types.Named); ok {
		return n.Origin().Obj().Name()
	}
	return ""
}
