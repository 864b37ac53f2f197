"""The edited tree, re-discovered in memory: the Repo discovery would give after the edits, without writing.

Edited go.mod / go.work files are parsed again with discovery's own parsers, and edited Go files' headers
re-read (their //go:debug lines), so the proof runs the GODEBUG model on what the edited files say.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from analyzer.discovery import parse_gomod, parse_gowork, parse_header
from analyzer.discovery.header import misplaced_directives
from analyzer.model import GoFile, Package, Repo


def _go_file(f: GoFile, text: str) -> GoFile:
    h = parse_header(text)
    placed = tuple(replace(d, file=f.rel) for d in h.directives)
    misplaced = tuple(replace(d, file=f.rel) for d in misplaced_directives(text, h.package_end))
    return replace(f, directives=placed + (misplaced if (h.package == "main" or f.test) else ()))


def _package(p: Package, texts: Mapping[str, str]) -> Package:
    if not any(f.rel in texts for f in (*p.files, *p.ignored_files)):
        return p
    return replace(
        p,
        files=tuple(_go_file(f, texts[f.rel]) if f.rel in texts else f for f in p.files),
        ignored_files=tuple(_go_file(f, texts[f.rel]) if f.rel in texts else f for f in p.ignored_files),
    )


def edited_repo(repo: Repo, texts: Mapping[str, str]) -> Repo:
    """`repo` as discovery would see it with `texts` (root-relative path -> new content) written."""
    modules = tuple(
        replace(parse_gomod(texts[m.file], m.file, m.dir), vendor_modules=m.vendor_modules)
        if m.file in texts
        else m
        for m in repo.modules
    )
    ws = repo.workspace
    if ws is not None and ws.file in texts:
        ws = parse_gowork(texts[ws.file], ws.file, ws.dir)
    packages = tuple(_package(p, texts) for p in repo.packages)
    return replace(repo, modules=modules, workspace=ws, packages=packages)


def overlay_reader(read: Callable[[str], bytes], texts: Mapping[str, str]) -> Callable[[str], bytes]:
    """A reader that returns edited texts and falls back to `read`."""

    def reader(rel: str) -> bytes:
        if rel in texts:
            return texts[rel].encode()
        return read(rel)

    return reader
