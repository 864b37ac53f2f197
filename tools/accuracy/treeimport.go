package main

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// treeImporter resolves std from GOROOT source, other imports from the tree itself (vendor/ first, as
// -mod=vendor does, then modules whose go.mod lies in the tree), and fakes the rest as empty packages.
type treeImporter struct {
	std   *lockedImporter
	o     *oracle
	mods  []module // deepest first
	vends []string // directories holding vendor/modules.txt, deepest first

	mu   sync.Mutex
	pkgs map[string]*treePkg // by directory
}

type module struct{ dir, path string }

type treePkg struct {
	once sync.Once
	pkg  *types.Package
}

var moduleLine = regexp.MustCompile(`(?m)^module\s+"?([^\s"]+)"?`)

func newTreeImporter(root string, extra []string, std *lockedImporter, o *oracle) *treeImporter {
	t := &treeImporter{std: std, o: o, pkgs: map[string]*treePkg{}}
	for _, r := range append([]string{root}, extra...) {
		t.scan(r, r == root)
	}
	sort.Slice(t.mods, func(i, j int) bool { return len(t.mods[i].dir) > len(t.mods[j].dir) })
	sort.Slice(t.vends, func(i, j int) bool { return len(t.vends[i]) > len(t.vends[j]) })
	return t
}

// scan records the modules (go.mod) under root and, for the scanned tree, its vendor directories.
func (t *treeImporter) scan(root string, vendors bool) {
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			n := d.Name()
			if p != root && (strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") || n == "testdata" ||
				(!vendors && n == "vendor")) {
				return filepath.SkipDir
			}
			return nil
		}
		switch d.Name() {
		case "go.mod":
			if strings.Contains(filepath.ToSlash(p), "/vendor/") {
				return nil
			}
			data, err := os.ReadFile(p)
			if err == nil {
				if m := moduleLine.FindSubmatch(data); m != nil {
					t.mods = append(t.mods, module{filepath.Dir(p), string(m[1])})
				}
			}
		case "modules.txt":
			if vendors && filepath.Base(filepath.Dir(p)) == "vendor" {
				t.vends = append(t.vends, filepath.Dir(filepath.Dir(p)))
			}
		}
		return nil
	})
}

func within(dir, root string) bool {
	return dir == root || strings.HasPrefix(dir, root+string(filepath.Separator))
}

func hasGo(dir string) bool {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			return true
		}
	}
	return false
}

// resolve finds the directory of import path for a package in fromDir, "" when outside the tree.
func (t *treeImporter) resolve(path, fromDir string) string {
	for _, v := range t.vends {
		if within(fromDir, v) {
			d := filepath.Join(v, "vendor", filepath.FromSlash(path))
			if hasGo(d) {
				return d
			}
			break
		}
	}
	best := ""
	bestLen := -1
	for _, m := range t.mods {
		if path == m.path || strings.HasPrefix(path, m.path+"/") {
			if len(m.path) > bestLen {
				d := filepath.Join(m.dir, filepath.FromSlash(strings.TrimPrefix(path[len(m.path):], "/")))
				if hasGo(d) {
					best, bestLen = d, len(m.path)
				}
			}
		}
	}
	return best
}

func (t *treeImporter) Import(path string) (*types.Package, error) { return t.ImportFrom(path, "", 0) }

func (t *treeImporter) ImportFrom(path, fromDir string, mode types.ImportMode) (*types.Package, error) {
	if path == "unsafe" || path == "C" || isStd(path) {
		return t.std.ImportFrom(path, fromDir, mode)
	}
	dir := t.resolve(path, fromDir)
	if dir == "" {
		return t.std.ImportFrom(path, fromDir, mode) // fake
	}
	t.mu.Lock()
	e, ok := t.pkgs[dir]
	if !ok {
		e = &treePkg{}
		t.pkgs[dir] = e
	}
	t.mu.Unlock()
	e.once.Do(func() { e.pkg = t.load(path, dir) })
	return e.pkg, nil
}

// load type-checks the non-test linux/amd64 files of dir as package path (no Info: only its API).
func (t *treeImporter) load(path, dir string) *types.Package {
	ents, _ := os.ReadDir(dir)
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH = "linux", "amd64"
	var files []*ast.File
	name := ""
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		if ok, _ := ctx.MatchFile(dir, n); !ok {
			continue
		}
		abs := filepath.Join(dir, n)
		af := t.o.parsedFile(abs)
		if af == nil || af.Name == nil || af.Name.Name == "main" {
			continue
		}
		if name == "" {
			name = af.Name.Name
		}
		if af.Name.Name != name {
			continue
		}
		files = append(files, af)
	}
	if len(files) == 0 {
		p := types.NewPackage(path, guessName(path))
		p.MarkComplete()
		return p
	}
	conf := types.Config{Importer: t, Error: func(error) {}, FakeImportC: true}
	pkg, _ := conf.Check(path, t.o.fset, files, nil)
	if pkg == nil {
		pkg = types.NewPackage(path, name)
	}
	return pkg
}

// parsedFile returns the parsed file, parsing (and caching) it when the walk did not.
func (o *oracle) parsedFile(abs string) *ast.File {
	o.mu.Lock()
	af, ok := o.parsed[abs]
	o.mu.Unlock()
	if ok {
		return af
	}
	af, _ = parser.ParseFile(o.fset, abs, nil, parser.ParseComments|parser.SkipObjectResolution)
	o.mu.Lock()
	o.parsed[abs] = af
	o.mu.Unlock()
	return af
}
