"""discover(): modules, the workspace, and packages under a root, for one GOOS/GOARCH.

The walk skips what `./...` skips (directories starting with `.` or `_`, `testdata`, and `vendor` — except a
module's own vendor directory, whose packages are listed with `vendor=True` and the import path below
`vendor/`). Only `root/go.work` is read: a go.work above the root is not part of the tree under audit.
Unreadable or malformed files become `Skipped` entries and the walk goes on; a malformed go.mod, go.work or
modules.txt is also listed in `Repo.problems` (the godebug command turns those into input errors).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable
from pathlib import Path

from analyzer.discovery.constraints import BuildContext, ConstraintError, Expr, evaluate, good_os_arch_file
from analyzer.discovery.headcache import FileFacts, HeaderCache, Outcome
from analyzer.discovery.header import Header, HeaderError, constraint_expr, misplaced_directives, parse_header
from analyzer.discovery.modfile import parse_gomod, parse_gowork, parse_modules_txt
from analyzer.errors import InputError
from analyzer.model import Directive, GoFile, Module, Package, Repo, Skipped, Workspace
from analyzer.safeio import MAX_SOURCE_BYTES, Unreadable, check_regular, outside_link, read_bytes
from analyzer.versions import GoVersion

HEAD_BYTES = 32 * 1024  # a header rarely exceeds this; longer ones are re-read whole


def _rel(root: Path, p: Path) -> str:
    r = p.relative_to(root).as_posix()
    return "." if r in ("", ".") else r


def _join(d: str, name: str) -> str:
    return name if d == "." else f"{d}/{name}"


def _pruned(name: str) -> bool:
    return name.startswith((".", "_")) or name == "testdata"


def read_go_file(path: Path, *, whole: bool = False) -> tuple[str, bool]:
    """(text, complete): the first HEAD_BYTES (cut at a line end) or all; UnicodeError if not UTF-8."""
    with path.open("rb") as f:
        data = f.read(MAX_SOURCE_BYTES + 1) if whole else f.read(HEAD_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise Unreadable(f"larger than {MAX_SOURCE_BYTES} bytes (the size cap)")
    complete = whole or len(data) <= HEAD_BYTES
    if not complete:
        cut = data.rfind(b"\n", 0, HEAD_BYTES)
        data = data[: cut + 1] if cut >= 0 else data[:HEAD_BYTES]
    return data.decode("utf-8"), complete


def _header(path: Path) -> tuple[Header, str, bool]:
    text, complete = read_go_file(path)
    if complete:
        return parse_header(text), text, True
    try:
        h = parse_header(text)
        if h.end < len(text) - 1:
            return h, text, False
    except HeaderError:
        pass
    text, _ = read_go_file(path, whole=True)
    return parse_header(text), text, True


def _file_facts(root: Path, frel: str, test: bool) -> tuple[Outcome, bool]:
    """(what discovery needs from the file's content, whether that can be cached: it depends on the
    content only). OSError when it cannot be read."""
    try:
        h, text, complete = _header(root / frel)
    except UnicodeDecodeError as err:
        line = err.object[: err.start].count(b"\n") + 1
        return Skipped("", "not valid UTF-8", line), True
    except HeaderError as err:
        return Skipped("", str(err), err.line), True
    keep = True
    misplaced: tuple[Directive, ...] = ()
    if h.package == "main" or test:
        if not complete:
            try:
                full = read_bytes(root / frel, root)
            except OSError:
                full = b""  # over the size cap: the scanner reports it
                keep = False
            if b"//go:debug" in full[len(text.encode()) :]:
                text, complete = full.decode("utf-8", errors="replace"), True
        if "//go:debug" in text[h.package_end :]:
            misplaced = misplaced_directives(text, h.package_end)
    return FileFacts(h, misplaced), keep


def _lenient_module_path(text: str) -> str:
    m = re.search(r'^\s*module\s+"?([^\s"]+)"?', text, re.M)
    return m.group(1) if m else ""


def discover(
    root: Path,
    *,
    goos: str = "linux",
    goarch: str = "amd64",
    workspace: bool = True,
    toolchain: GoVersion | None = None,
    cgo: bool = False,
    tags: Iterable[str] = (),
    cache_dir: Path | None = None,
) -> Repo:
    """Walk `root` and describe its modules, go.work (when `workspace`, i.e. GOWORK is not off) and packages.

    `toolchain` sets the `go1.N` release tags (default 1.27); `cgo` the `cgo` tag (default off: files
    importing "C" are then excluded, as with CGO_ENABLED=0); `tags` are extra `-tags`. `cache_dir`: where
    the stat-keyed cache of file headers lives (headcache.py; None: every header is read).
    """
    root = root.resolve()
    ctx = BuildContext(goos, goarch, toolchain or GoVersion(27, 3), cgo, frozenset(tags))
    skipped: list[Skipped] = []
    problems: list[Skipped] = []
    modules: dict[str, Module] = {}
    go_dirs: dict[str, list[str]] = {}  # rel dir -> .go file names
    vendor_dirs: dict[str, str] = {}  # rel vendor dir -> rel module dir

    top = str(root)
    cut = len(top) if top.endswith(os.sep) else len(top) + 1
    for dirpath, dirnames, filenames in os.walk(top):
        # os.walk(top) yields top, then top + "/" + the relative path (no Path per directory)
        rel = "." if dirpath == top else dirpath[cut:].replace(os.sep, "/")
        keep = []
        for n in sorted(dirnames):
            if _pruned(n):
                continue
            if n == "vendor":
                vendor_dirs[_join(rel, n)] = rel
                continue
            keep.append(n)
        dirnames[:] = keep
        names = sorted(filenames)
        if "go.mod" in names:
            modules[rel] = _read_module(root, root / rel / "go.mod", rel, skipped, problems)
        gos = [n for n in names if n.endswith(".go") and not n.startswith((".", "_"))]
        if gos:
            go_dirs[rel] = gos

    ws: Workspace | None = None
    if workspace and (root / "go.work").is_file() and not outside_link(root / "go.work", root):
        ws = _read_workspace(root / "go.work", skipped, problems)

    # vendor directories: only a module's (or the workspace's) own, with the vendored dirs walked
    vendor_of: dict[str, str] = {}  # rel dir of a vendored package -> vendor dir
    for vdir, owner in sorted(vendor_dirs.items()):
        if owner not in modules and not (ws is not None and owner == ws.dir):
            continue
        vpath = root / vdir
        if outside_link(vpath, root):
            skipped.append(Skipped(vdir, "symbolic link to a directory outside the scanned tree"))
            continue
        mtxt = vpath / "modules.txt"
        if mtxt.is_file() and owner in modules:
            try:
                vm = parse_modules_txt(read_bytes(mtxt, root).decode("utf-8"), _join(vdir, "modules.txt"))
                modules[owner] = dataclasses.replace(modules[owner], vendor_modules=vm)
            except (InputError, OSError, UnicodeError) as err:
                _problem(skipped, problems, _join(vdir, "modules.txt"), err)
        for dirpath, dirnames, filenames in os.walk(vpath):
            dirnames[:] = sorted(n for n in dirnames if not n.startswith((".", "_")))
            gos = sorted(n for n in filenames if n.endswith(".go") and not n.startswith((".", "_")))
            if gos:
                r = _rel(root, Path(dirpath))
                go_dirs[r] = gos
                vendor_of[r] = vdir

    packages: list[Package] = []
    heads = HeaderCache(cache_dir, root)
    for rel in sorted(go_dirs):
        pkg = _package(root, rel, go_dirs[rel], ctx, modules, ws, vendor_of, skipped, heads)
        if pkg is not None:
            packages.append(pkg)
    heads.save()
    return Repo(
        root=str(root),
        goos=goos,
        goarch=goarch,
        modules=tuple(modules[k] for k in sorted(modules)),
        workspace=ws,
        packages=tuple(packages),
        skipped=tuple(sorted(skipped, key=lambda s: (s.file, s.line or 0))),
        problems=tuple(problems),
    )


def _problem(skipped: list[Skipped], problems: list[Skipped], file: str, err: Exception) -> None:
    if isinstance(err, InputError):
        s = Skipped(err.file or file, err.message, err.line)
    else:
        s = Skipped(file, f"cannot read: {err}")
    skipped.append(s)
    problems.append(s)


def _read_module(root: Path, path: Path, rel: str, skipped: list[Skipped], problems: list[Skipped]) -> Module:
    file = _join(rel, "go.mod")
    try:
        text = read_bytes(path, root).decode("utf-8")
    except (OSError, UnicodeError) as err:
        _problem(skipped, problems, file, err)
        return Module(path="", dir=rel, file=file)
    try:
        return parse_gomod(text, file, rel)
    except InputError as err:
        _problem(skipped, problems, file, err)
        return Module(path=_lenient_module_path(text), dir=rel, file=file)


def _read_workspace(path: Path, skipped: list[Skipped], problems: list[Skipped]) -> Workspace | None:
    try:
        return parse_gowork(read_bytes(path).decode("utf-8"), "go.work", ".")
    except (InputError, OSError, UnicodeError) as err:
        _problem(skipped, problems, "go.work", err)
        return None


def _module_for(rel: str, modules: dict[str, Module]) -> Module | None:
    d = rel
    while True:
        if d in modules:
            return modules[d]
        if d == ".":
            return None
        d = d.rsplit("/", 1)[0] if "/" in d else "."


def _vendored_module(import_path: str, owner: Module | None) -> str:
    """The longest vendored module path that is import_path or one of its parents ("" when none)."""
    if owner is None or not owner.vendor_modules:
        return ""
    paths = _VENDORED.get(owner.file)
    if paths is None or paths[0] is not owner:
        paths = _VENDORED[owner.file] = (owner, frozenset(p for p, _, _ in owner.vendor_modules))
    p = import_path
    while p:
        if p in paths[1]:
            return p
        p = p.rsplit("/", 1)[0] if "/" in p else ""
    return ""


_VENDORED: dict[str, tuple[Module, frozenset[str]]] = {}  # go.mod file -> (its module, vendored paths)
_CONSTRAINTS: dict[tuple[str, tuple[str, ...]], tuple[str, Expr | None]] = {}


_SATISFIED: dict[tuple[str, tuple[str, ...], BuildContext], bool] = {}


def _satisfied(h: Header, expr: Expr, ctx: BuildContext) -> bool:
    """evaluate(expr, ctx) for h's constraint, remembered by the constraint lines and the context."""
    key = (h.go_build, h.plus_build, ctx)
    got = _SATISFIED.get(key)
    if got is None:
        got = evaluate(expr, ctx)
        if len(_SATISFIED) < 16384:
            _SATISFIED[key] = got
    return got


def _constraint(h: Header) -> tuple[str, Expr | None]:
    """constraint_expr(h), remembered by the constraint lines (few distinct ones per tree)."""
    key = (h.go_build, h.plus_build)
    got = _CONSTRAINTS.get(key)
    if got is None:
        got = constraint_expr(h)  # ConstraintError is not remembered
        if len(_CONSTRAINTS) < 4096:
            _CONSTRAINTS[key] = got
    return got


def _package(
    root: Path,
    rel: str,
    names: list[str],
    ctx: BuildContext,
    modules: dict[str, Module],
    ws: Workspace | None,
    vendor_of: dict[str, str],
    skipped: list[Skipped],
    heads: HeaderCache,
) -> Package | None:
    vdir = vendor_of.get(rel)
    owner = _module_for(vdir.rsplit("/", 1)[0] if vdir and "/" in vdir else "." if vdir else rel, modules)
    if vdir is not None:
        import_path = rel[len(vdir) + 1 :]
        module = _vendored_module(import_path, owner)
    elif owner is not None and owner.path:
        sub = rel if owner.dir == "." else rel[len(owner.dir) + 1 :] if rel != owner.dir else "."
        import_path = owner.path if sub == "." else f"{owner.path}/{sub}"
        module = owner.path
    else:
        import_path, module = "", ""

    files: list[GoFile] = []
    ignored: list[GoFile] = []
    for n in names:
        frel = _join(rel, n)
        test = n.endswith("_test.go")
        try:
            st = check_regular(os.path.join(root, frel), root)  # a FIFO blocks, a link may leave the tree
            got = heads.get(frel, st)
            if got is None:
                got, keep = _file_facts(root, frel, test)
                if keep:
                    heads.put(frel, st, got)
        except (OSError, UnicodeError) as err:
            skipped.append(Skipped(frel, str(err) if isinstance(err, Unreadable) else f"cannot read: {err}"))
            continue
        if isinstance(got, Skipped):
            skipped.append(dataclasses.replace(got, file=frel))
            continue
        h = got.header
        reason = ""
        try:
            ctext, expr = _constraint(h)
            if not good_os_arch_file(n, ctx):
                reason = "goos-goarch-suffix"
            elif expr is not None and not _satisfied(h, expr, ctx):
                reason = "constraint"
            elif h.cgo and not ctx.cgo and not test:  # go/build: cgo in tests is a later error
                reason = "cgo"
        except ConstraintError as err:
            skipped.append(Skipped(frel, f"parsing //go:build line: {err}"))
            continue
        directives = tuple(dataclasses.replace(d, file=frel) for d in (*h.directives, *got.misplaced))
        gf = GoFile(
            rel=frel,
            pkg_dir=rel,
            import_path=import_path,
            package=h.package,
            test=test,
            xtest=False,
            vendor=vdir is not None,
            generated=h.generated,
            constraint=ctext,
            name=n,
            imports=h.imports,
            directives=directives,
            selected=not reason,
            ignored_reason=reason,
            cgo=h.cgo,
        )
        (files if not reason else ignored).append(gf)

    if not files and not ignored:
        return None
    base = sorted({f.package for f in files if not f.test})
    name = base[0] if base else ""
    if len(base) > 1:
        skipped.append(Skipped(rel, "found packages " + " and ".join(base)))
    if not name:
        tnames = sorted({f.package.removesuffix("_test") for f in files})
        name = tnames[0] if tnames else ""
    fixed: list[GoFile] = []
    for f in files:
        if f.test and f.package == f"{name}_test" and f.package != name:
            f = dataclasses.replace(f, xtest=True)
        fixed.append(f)
    only_tests = not base
    main_module = owner.path if owner is not None else ""
    workspace = ws.file if ws is not None and owner is not None else None
    return Package(
        dir=rel,
        import_path=import_path,
        name="" if only_tests else name,
        module=module,
        module_dir=owner.dir if owner is not None else ".",
        files=tuple(fixed),
        ignored_files=tuple(ignored),
        imports=tuple(sorted({i for f in fixed if not f.test for i in f.imports})),
        test_imports=tuple(sorted({i for f in fixed if f.test and not f.xtest for i in f.imports})),
        xtest_imports=tuple(sorted({i for f in fixed if f.xtest for i in f.imports})),
        vendor=vdir is not None,
        main_module=main_module,
        workspace=workspace,
    )
