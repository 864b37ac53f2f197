"""Options of a scan, validated in one place (every bad combination is a UsageError, exit 2)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analyzer.discovery.constraints import KNOWN_ARCH, KNOWN_OS
from analyzer.errors import UsageError
from analyzer.model import GoLinePolicy, Status
from analyzer.versions import GoVersion

# `go tool dist list` of Go 1.27.3: internal/syslist's names minus those without a port
KNOWN_GOOS = KNOWN_OS - {"hurd", "nacl", "zos"}
KNOWN_GOARCH = KNOWN_ARCH - {
    "amd64p32", "armbe", "arm64be", "mips64p32", "mips64p32le", "ppc", "riscv", "s390", "sparc", "sparc64",
}


@dataclass(frozen=True)
class ScanOptions:
    root: Path
    to: GoVersion  # as given: no patch means "the newest patch modelled"
    from_: GoVersion | None
    go_line: GoLinePolicy
    go_line_version: GoVersion | None
    goos: tuple[str, ...]
    goarch: str
    fmt: str
    fail_on: frozenset[str]
    jobs: int | None
    cache_dir: Path | None
    no_cache: bool
    strict: bool


def _version(text: str, option: str) -> GoVersion:
    v = GoVersion.try_parse(text)
    if v is None:
        raise UsageError(f"{option}: {text!r} is not a Go version (want 1.N or 1.N.P)")
    if v.is_prerelease:
        raise UsageError(f"{option}: pre-release toolchains are not modelled ({text})")
    return v


def validate(
    *,
    path: Path,
    to: str,
    from_: str | None,
    go_line: str,
    goos: str,
    goarch: str,
    fmt: str,
    fail_on: str,
    jobs: int | None,
    cache_dir: Path | None,
    no_cache: bool,
    strict: bool,
) -> ScanOptions:
    """Check every option and their combinations (the toolchain order again once --from is resolved)."""
    from analyzer.report import FORMATS

    if not path.is_dir():
        raise UsageError(f"{path}: not a directory")
    to_v = _version(to, "--to")
    from_v = _version(from_, "--from") if from_ is not None else None
    if from_v is not None and to_v < GoVersion(from_v.minor) and to_v.minor < from_v.minor:
        raise UsageError(f"--to {to} is older than --from {from_}")
    if from_v is not None and to_v.patch is not None and to_v < from_v:
        raise UsageError(f"--to {to} is older than --from {from_}")
    if go_line in ("keep", "bump"):
        policy, line_v = GoLinePolicy(go_line), None
    else:
        policy, line_v = GoLinePolicy.SET, _version(go_line, "--go-line")
        if line_v.minor > to_v.minor:
            raise UsageError(f"--go-line {go_line} is newer than the target toolchain {to}")
    goos_list = tuple(sorted({g.strip() for g in goos.split(",") if g.strip()}))
    if not goos_list:
        raise UsageError("--goos: no GOOS given")
    unknown = [g for g in goos_list if g not in KNOWN_GOOS]
    if unknown:
        raise UsageError(f"--goos: unknown GOOS {', '.join(unknown)}")
    if goarch not in KNOWN_GOARCH:
        raise UsageError(f"--goarch: unknown GOARCH {goarch}")
    if fmt not in FORMATS:
        raise UsageError(f"--format: unknown format {fmt!r} (known: {', '.join(sorted(FORMATS))})")
    names = {s.value for s in Status}
    wanted = frozenset(s.strip() for s in fail_on.split(",") if s.strip() and s.strip() != "none")
    bad = sorted(wanted - names)
    if bad:
        raise UsageError(
            f"--fail-on: unknown status {', '.join(bad)} (known: {', '.join(sorted(names))}, none)"
        )
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if no_cache and cache_dir is not None:
        raise UsageError("--no-cache and --cache-dir exclude each other")
    return ScanOptions(
        path,
        to_v,
        from_v,
        policy,
        line_v,
        goos_list,
        goarch,
        fmt,
        wanted,
        jobs,
        cache_dir,
        no_cache,
        strict,
    )


def check_order(frm: GoVersion, to: GoVersion) -> None:
    """The resolved toolchains: a bump never goes backwards."""
    if to < frm:
        raise UsageError(f"the target toolchain {to} is older than the current one {frm}")


def scan_cache_dir(opts: ScanOptions) -> Path | None:
    """The cache directory of scan and discovery: --cache-dir, else the user cache dir; None: --no-cache."""
    if opts.no_cache:
        return None
    from analyzer.scan.cache import default_cache_dir

    return opts.cache_dir if opts.cache_dir is not None else default_cache_dir()
