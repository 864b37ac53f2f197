"""Reading files of a scanned tree safely: regular files only, never through a link that leaves the
tree, never more than a size cap.

A FIFO or device named `x.go` would block a plain open() forever; a symbolic link can point anywhere
on the machine. Both raise `Unreadable`, an OSError (so the stages' `except OSError` handlers report
them as skipped inputs), whose message never quotes the target's path or content.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

# Go sources, go.mod, go.work, modules.txt: the largest real Go file seen in the corpus is 3.9 MB
# (kops vendor/google.golang.org/api/compute/v1/compute-gen.go); twice that and more is not source.
MAX_SOURCE_BYTES = 8 * 1024 * 1024

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


class Unreadable(OSError):
    """A file the audit will not read; str() is the reason (one line, no content)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def check_regular(path: str | Path, root: str | Path | None = None) -> os.stat_result:
    """The file's stat when it is a regular file (a link to one inside `root` counts), else Unreadable.

    Only the last path component is checked for a link: the walkers never descend into directory links.
    """
    p = os.fspath(path)
    st = os.lstat(p)
    if stat.S_ISLNK(st.st_mode):
        if root is not None and not _inside(os.path.realpath(p), os.path.realpath(root)):
            raise Unreadable("symbolic link to a file outside the scanned tree")
        try:
            st = os.stat(p)
        except OSError as err:
            if err.errno == errno.ELOOP:
                raise Unreadable("symbolic link loop") from None
            if err.errno == errno.ENOENT:
                raise Unreadable("broken symbolic link") from None
            raise
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
        raise Unreadable(f"not a regular file ({kind})")
    return st


def outside_link(path: str | Path, root: str | Path) -> bool:
    """Whether `path` is a symbolic link (to a file or directory) whose target is outside `root`."""
    p = os.fspath(path)
    return os.path.islink(p) and not _inside(os.path.realpath(p), os.path.realpath(root))


def open_regular(path: str | Path, root: str | Path | None = None) -> BinaryIO:
    """Open a regular file for reading in binary mode without ever blocking (see check_regular)."""
    check_regular(path, root)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(os.fspath(path), flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the check
            raise Unreadable("not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(
    path: str | Path, root: str | Path | None = None, limit: int | None = MAX_SOURCE_BYTES
) -> bytes:
    """The file's bytes; Unreadable when it is not a regular file in the tree or is over `limit`."""
    with open_regular(path, root) as fh:
        if limit is None:
            return fh.read()
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise Unreadable(f"larger than {limit} bytes (the size cap)")
        # sized by fstat: read(limit + 1) allocates the whole cap (8 MiB) first, which cost more than
        # reading a small file; a file that grew since the fstat is read on up to the cap
        data = fh.read(size + 1)
        if len(data) > size:
            data += fh.read(limit + 1 - len(data))
        if len(data) > limit:
            raise Unreadable(f"larger than {limit} bytes (the size cap)")
        return data


def read_head(path: str | Path, size: int, root: str | Path | None = None) -> bytes:
    """The first `size` bytes of a regular file (see check_regular)."""
    with open_regular(path, root) as fh:
        return fh.read(size)


def write_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path` via a temporary file in the same directory and a rename: a reader sees
    the old file or the new one, never half of it (an interrupted run leaves the old one)."""
    import tempfile

    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


__all__ = [
    "MAX_SOURCE_BYTES",
    "Unreadable",
    "check_regular",
    "open_regular",
    "outside_link",
    "read_bytes",
    "read_head",
    "write_atomic",
]
