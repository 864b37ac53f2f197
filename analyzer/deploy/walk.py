"""The file walker (I/O edge): which files of a tree to read, and as what kind.

Skips .git, vendor/ and node_modules, never follows a symlink out of the tree, caps file size.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from analyzer.model import Skipped
from analyzer.safeio import Unreadable, read_bytes, read_head

MAX_BYTES = 2 * 1024 * 1024
SKIP_DIRS = frozenset({".git", "vendor", "node_modules", ".hg", ".svn", "__pycache__"})


class FileKind(StrEnum):
    YAML = "yaml"  # loads as YAML unless it holds `{{ }}` (then: template)
    TEMPLATE = "template"
    DOCKERFILE = "dockerfile"
    SYSTEMD = "systemd"
    SHELL = "shell"
    ENVFILE = "envfile"
    MAKEFILE = "makefile"
    GO = "go"


_SHEBANG_SHELLS = ("sh", "bash", "ash", "dash", "zsh", "ksh")


def kind_of(rel: str, head: bytes = b"") -> FileKind | None:
    """The kind of a file from its relative path (and, for extensionless files, its first bytes)."""
    name = rel.rsplit("/", 1)[-1]
    lower = name.lower()
    parent = rel.rsplit("/", 2)[-2] if rel.count("/") else ""
    if lower.endswith((".yaml", ".yml")):
        return FileKind.YAML
    if lower.endswith((".yaml.tmpl", ".yml.tmpl", ".yaml.template", ".yml.template", ".tpl", ".yaml.j2")):
        return FileKind.TEMPLATE
    if (
        lower in ("dockerfile", "containerfile")
        or lower.startswith(("dockerfile.", "containerfile."))
        or (lower.endswith((".dockerfile", ".containerfile")))
    ):
        return FileKind.DOCKERFILE
    if lower.endswith(".service") or (parent.endswith(".service.d") and lower.endswith(".conf")):
        return FileKind.SYSTEMD
    if lower in ("makefile", "gnumakefile") or lower.endswith(".mk"):
        return FileKind.MAKEFILE
    if lower.endswith((".sh", ".bash", ".zsh", ".envrc")) or lower == ".envrc":
        return FileKind.SHELL
    if lower == ".env" or lower.endswith(".env"):
        return FileKind.ENVFILE
    if lower.endswith(".go"):
        return FileKind.GO
    if head.startswith((b"apiVersion:", b"kind:")) or (head.startswith(b"---\n") and b"apiVersion:" in head):
        return FileKind.YAML  # a manifest without a YAML extension (rendered test data, S3 object contents)
    if "." not in name and head.startswith(b"#!"):
        first = head.split(b"\n", 1)[0].decode("latin-1")
        prog = first[2:].strip().split()
        words = [w.rsplit("/", 1)[-1] for w in prog]
        if words and (
            words[0] in _SHEBANG_SHELLS
            or (words[0] == "env" and len(words) > 1 and words[1] in _SHEBANG_SHELLS)
        ):
            return FileKind.SHELL
    return None


@dataclass(frozen=True)
class Candidate:
    """A file of the tree that may be read: in the tree (or a symlink to a file in it), with its stat."""

    rel: str  # `/` separators
    path: Path
    stat: os.stat_result  # of the file itself (a symlink's target)


def walk_candidates(root: Path) -> Iterator[Candidate]:
    """Every file under root in sorted order, skipping SKIP_DIRS and symlinks that leave the tree."""
    root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        base = Path(dirpath)
        for fn in sorted(filenames):
            path = base / fn
            try:
                st = os.lstat(path)
                if stat.S_ISLNK(st.st_mode):
                    target = path.resolve(strict=True)
                    if not target.is_relative_to(root) or not target.is_file():
                        continue
                    st = os.stat(target)
            except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
                continue
            yield Candidate(path.relative_to(root).as_posix(), path, st)


def kind_for(c: Candidate) -> FileKind | Skipped | None:
    """The file's kind (from its name, or its first bytes when the name does not tell), or a Skipped."""
    fn = c.rel.rsplit("/", 1)[-1]
    head = b""
    if "." not in fn or kind_of(c.rel) is None:
        try:
            head = read_head(c.path, 128)
        except Unreadable as err:
            return Skipped(c.rel, str(err))
        except OSError as err:
            return Skipped(c.rel, f"unreadable: {err.strerror}")
    return kind_of(c.rel, head)


def read_text(c: Candidate) -> str | Skipped:
    """The file's text (UTF-8, undecodable bytes replaced), or a Skipped when too big (by the walk's
    stat, the one the cache keys on) or unreadable."""
    if c.stat.st_size > MAX_BYTES:
        return Skipped(c.rel, f"larger than {MAX_BYTES} bytes")
    try:
        return read_bytes(c.path, limit=None).decode("utf-8", errors="replace")  # a FIFO would block
    except Unreadable as err:
        return Skipped(c.rel, str(err))
    except OSError as err:
        return Skipped(c.rel, f"unreadable: {err.strerror}")
