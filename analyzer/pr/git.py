"""PR mode, the I/O part: read a base revision from git without touching the work tree.

The base tree's Go-relevant and deployment files are written into a temporary directory (`git ls-tree` + one
`git cat-file --batch`), where the same scan runs as on the work tree.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from analyzer.deploy.walk import kind_of
from analyzer.errors import InputError, UsageError
from analyzer.pr.compare import is_build_file

_KEEP_NAMES = frozenset(
    {"go.mod", "go.sum", "go.work", "go.work.sum", ".go-version", "modules.txt", ".godebug-audit.yaml"}
)


def relevant(path: str) -> bool:
    """Whether the scan may read this file: Go sources, the files that set up builds, and the deployment
    files (manifests, Dockerfiles, units, scripts) whose environment the scan checks. An extensionless
    script is known by its `#!` line, which a path does not show: those stay out of the base."""
    return path.endswith(".go") or path.rsplit("/", 1)[-1] in _KEEP_NAMES or kind_of(path) is not None


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        # core.fsmonitor names a command git runs on diff/ls-files: a .git/config must not run code
        argv = ["git", "-c", "core.fsmonitor=false", "-C", str(repo), *args]
        done = subprocess.run(argv, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("--base needs git on PATH") from None
    if done.returncode != 0:
        msg = done.stderr.decode(errors="replace").strip().splitlines()
        raise InputError(f"git {args[0]}: {msg[-1] if msg else 'failed'}", file=str(repo))
    return done.stdout


@dataclass(frozen=True)
class Checkout:
    """Where a scanned path sits in its repository, and the base commit it is compared with."""

    top: Path  # the repository's top directory
    prefix: str  # the scanned path relative to `top`, "" or ending in "/"
    commit: str  # the base commit (the merge base of REF and HEAD when there is one)
    ref: str


def locate(path: Path, ref: str) -> Checkout:
    """Find the repository around `path`; resolve `ref` to its merge base with HEAD, as a PR diff does."""
    where = path if path.is_dir() else path.parent
    try:
        top = Path(_git(where, "rev-parse", "--show-toplevel").decode().strip())
    except InputError:
        raise UsageError(f"--base: {path} is not inside a git repository") from None
    prefix = _git(where, "rev-parse", "--show-prefix").decode().strip()
    try:
        commit = _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except InputError:
        raise UsageError(f"--base: unknown revision {ref!r}") from None
    with suppress(InputError):  # unrelated histories, or no HEAD yet: compare with REF itself
        commit = _git(top, "merge-base", commit, "HEAD").decode().strip() or commit
    return Checkout(top, prefix, commit, ref)


def export_tree(checkout: Checkout, dest: Path, keep: Callable[[str], bool] = relevant) -> int:
    """Write the base commit's files that `keep` accepts under `dest`; returns how many."""
    listing = _git(checkout.top, "ls-tree", "-r", "-z", "--full-tree", checkout.commit)
    blobs: list[tuple[str, str]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        path = name.decode(errors="surrogateescape")
        if kind == "blob" and mode != "120000" and keep(path):  # no symlinks: they could point anywhere
            blobs.append((sha, path))
    if not blobs:
        return 0
    out = _git(checkout.top, "cat-file", "--batch", stdin="".join(f"{sha}\n" for sha, _ in blobs).encode())
    pos = 0
    for _sha, path in blobs:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        body = out[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    return len(blobs)


def changed_build_files(checkout: Checkout) -> dict[str, tuple[str, str]]:
    """{path under the scanned root: (base text, work-tree text)} for changed files that set up builds."""
    tracked = _git(checkout.top, "diff", "--name-only", "-z", "--no-renames", checkout.commit, "--")
    untracked = _git(checkout.top, "ls-files", "--others", "--exclude-standard", "-z")
    names = {n.decode(errors="surrogateescape") for n in (tracked + b"\0" + untracked).split(b"\0") if n}
    out: dict[str, tuple[str, str]] = {}
    for name in sorted(names):
        if not name.startswith(checkout.prefix) or not is_build_file(name):
            continue
        try:
            before = _git(checkout.top, "show", f"{checkout.commit}:{name}").decode(errors="replace")
        except InputError:
            before = ""  # added by the change
        head = checkout.top / name
        after = head.read_text(encoding="utf-8", errors="replace") if head.is_file() else ""
        out[name[len(checkout.prefix) :]] = (before, after)
    return out


@contextmanager
def base_tree(checkout: Checkout) -> Iterator[Path]:
    """A temporary copy of the base revision's relevant files; yields the scanned path inside it."""
    with TemporaryDirectory(prefix="godebug-audit-base-") as tmp:
        export_tree(checkout, Path(tmp))
        root = Path(tmp) / checkout.prefix
        root.mkdir(parents=True, exist_ok=True)
        yield root
