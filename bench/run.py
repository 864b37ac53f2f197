#!/usr/bin/env python3
"""Benchmark godebug-audit on Go trees: cold, warm and one-file-changed runs against a ripgrep pass.

Usage: run.py TREE [TREE ...] [--cmd uses|scan] [--to 1.27] [--jobs N] [--repeat R] [--json OUT]
              [--identifiers FILE] [--profile OUT.prof]

For each tree it runs the command as a subprocess three ways: cold (a fresh --cache-dir), warm (the
same cache, nothing changed) and after appending a comment to one .go file (then restored). For each
run it records wall seconds, CPU seconds (user+sys of the child and its waited-for descendants, from
os.wait4) and peak RSS (ru_maxrss: the largest single process of the tree). In the same session it
times a ripgrep search of the same .go files for the KB's symbol names (`rg` on PATH; without it a
Python read+regex pass stands in and the table says so), and prints each run's ratio to it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# Used when neither the KB nor --identifiers gives the identifiers (the KB's usual symbol names).
FALLBACK_IDENTIFIERS = (
    "ParseIP", "ParseCIDR", "LookupHost", "LookPath", "Command", "CommandContext", "ErrDot", "Verify",
    "ParseCertificate", "ParseCertificates", "Config", "MinVersion", "MaxVersion", "CipherSuites",
    "LoadX509KeyPair", "X509KeyPair", "Transport", "Server", "ServeMux", "HandleFunc", "ServeContent",
    "SetGCPercent", "SetMemoryLimit", "Seed", "NewSource", "NewTimer", "NewTicker", "AfterFunc", "Tick",
    "OpenReader", "Readlink", "Symlink", "RemoveAll", "Alias",
)


@dataclass(frozen=True)
class Measure:
    """One timed process run."""

    phase: str
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    exit_code: int
    uses: int | None = None


@dataclass(frozen=True)
class TreeResult:
    tree: str
    files: int
    lines: int
    mbytes: float
    baseline: str  # "rg" or "python-regex"
    baseline_wall_s: float
    baseline_cpu_s: float
    runs: tuple[Measure, ...]


def go_files(tree: Path) -> list[Path]:
    """Every .go file under tree (vendor/ and tests included), sorted."""
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames.sort()
        out.extend(Path(dirpath) / f for f in sorted(filenames) if f.endswith(".go"))
    return out


def tree_size(files: list[Path]) -> tuple[int, int]:
    """(lines, bytes) of the files."""
    lines = size = 0
    for f in files:
        data = f.read_bytes()
        lines += data.count(b"\n")
        size += len(data)
    return lines, size


def timed(argv: list[str], phase: str, out_path: Path | None = None, cwd: Path | None = None) -> Measure:
    """Run argv, wait with wait4 and return wall, CPU and peak RSS of it and its descendants."""
    stdout = out_path.open("wb") if out_path else subprocess.DEVNULL
    start = time.perf_counter()
    try:
        proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, cwd=cwd)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, ru = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if out_path:
            stdout.close()  # type: ignore[union-attr]
    wall = time.perf_counter() - start
    code = proc.returncode
    if code not in (0, 1):
        sys.stderr.write(f"bench: {phase}: exit {code}: {err.decode(errors='replace')[-2000:]}\n")
    return Measure(phase, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, code)


def count_uses(path: Path) -> int | None:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if isinstance(data, dict):
        for key in ("uses", "findings", "matches"):
            if isinstance(data.get(key), list):
                return len(data[key])
    return None


def tool_argv() -> list[str]:
    """How to start godebug-audit: the script beside this interpreter, else the module."""
    exe = Path(sys.executable).parent / "godebug-audit"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("godebug-audit")
    return [found] if found else [sys.executable, "-m", "analyzer.cli"]


def command(
    cmd: str, tree: Path, cache: Path, to: str, jobs: int | None, targets: str | None = None
) -> list[str]:
    argv = [*tool_argv(), cmd, str(tree)]
    if cmd == "scan":
        argv += ["--to", to]
    argv += ["--format", "json", "--cache-dir", str(cache)]
    if jobs is not None:
        argv += ["--jobs", str(jobs)]
    if targets and cmd == "uses":
        argv += ["--targets", targets]
    return argv


def kb_identifiers() -> list[str] | None:
    """Symbol names of the installed KB (`kb list --format json`), or None when unavailable."""
    try:
        argv = [*tool_argv(), "kb", "list", "--format", "json"]
        out = subprocess.run(argv, capture_output=True, timeout=60)
        data = json.loads(out.stdout)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None
    names: set[str] = set()
    for entry in data.get("entries", []) if isinstance(data, dict) else []:
        for api in entry.get("affects", []) + entry.get("neutralizers", []):
            names.add(str(api["symbol"]).split(".")[-1])
    return sorted(names) or None


def load_identifiers(path: str | None) -> tuple[list[str], str]:
    if path:
        data = json.loads(Path(path).read_text())
        apis = data if isinstance(data, list) else [
            a for e in data.get("entries", []) for a in e.get("affects", []) + e.get("neutralizers", [])
        ]
        return sorted({str(a["symbol"]).split(".")[-1] for a in apis}), path
    kb = kb_identifiers()
    if kb:
        return kb, "kb list"
    return list(FALLBACK_IDENTIFIERS), "built-in list"


def baseline(tree: Path, files: list[Path], idents: list[str], repeat: int) -> tuple[str, float, float]:
    """Median wall and CPU time of ripgrep (or a Python read+regex pass) over the tree's .go files."""
    pattern = r"\b(" + "|".join(map(re.escape, idents)) + r")\b"
    rg = shutil.which("rg")
    times: list[float] = []
    cpus: list[float] = []
    for _ in range(max(repeat, 3)):
        if rg:
            m = timed([rg, "--no-ignore", "-t", "go", "-c", "-e", pattern, str(tree)], "rg")
            times.append(m.wall_s)
            cpus.append(m.cpu_s)
        else:
            rx = re.compile(pattern.encode())
            start, cpu0 = time.perf_counter(), time.process_time()
            for f in files:
                rx.findall(f.read_bytes())
            times.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu0)
    return ("rg" if rg else "python-regex"), statistics.median(times), statistics.median(cpus)


def touch_target(files: list[Path], idents: list[str]) -> Path:
    """The first file (sorted) naming a target identifier, else the first file."""
    rx = re.compile((r"\.(" + "|".join(map(re.escape, idents)) + r")\b").encode())
    for f in files:
        if rx.search(f.read_bytes()):
            return f
    return files[0]


def median_measure(ms: list[Measure]) -> Measure:
    by_wall = sorted(ms, key=lambda m: m.wall_s)
    return by_wall[len(by_wall) // 2]


def bench_tree(tree: Path, args: argparse.Namespace, idents: list[str]) -> TreeResult:
    files = go_files(tree)
    if not files:
        raise SystemExit(f"bench: no .go files under {tree}")
    lines, size = tree_size(files)
    base_name, base_wall, base_cpu = baseline(tree, files, idents, args.repeat)
    runs: list[Measure] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        out = Path(tmp) / "out.json"
        colds: list[Measure] = []
        for i in range(args.repeat):
            cache = Path(tmp) / f"cache{i}"
            m = timed(command(args.cmd, tree, cache, args.to, args.jobs, args.targets), "cold", out)
            colds.append(Measure("cold", m.wall_s, m.cpu_s, m.peak_rss_mib, m.exit_code, count_uses(out)))
        runs.append(median_measure(colds))
        cache = Path(tmp) / "cache0"
        argv = command(args.cmd, tree, cache, args.to, args.jobs, args.targets)
        warms = [timed(argv, "warm", out) for _ in range(args.repeat)]
        w = median_measure(warms)
        runs.append(Measure("warm", w.wall_s, w.cpu_s, w.peak_rss_mib, w.exit_code, count_uses(out)))
        target = touch_target(files, idents)
        original = target.read_bytes()
        stat = target.stat()
        changed: list[Measure] = []
        try:
            for i in range(args.repeat):
                target.write_bytes(original + f"\n// bench edit {i}\n".encode())
                changed.append(timed(argv, "one-changed", out))
        finally:
            target.write_bytes(original)
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        c = median_measure(changed)
        runs.append(Measure("one-changed", c.wall_s, c.cpu_s, c.peak_rss_mib, c.exit_code, count_uses(out)))
    return TreeResult(str(tree), len(files), lines, size / 1e6, base_name, base_wall, base_cpu, tuple(runs))


def render(results: list[TreeResult], cmd: str, ident_source: str, n_idents: int) -> str:
    """The results table (plain text, one row per tree and phase)."""
    head = f"{'tree':28} {'phase':12} {'files':>7} {'lines':>9} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}"
    head += f" {'x base':>7} {'x cpu':>7} {'uses':>6} {'exit':>4}"
    title = f"godebug-audit {cmd}; baseline: ripgrep-style search for {n_idents} identifiers ({ident_source})"
    lines = [title, head, "-" * len(head)]
    for r in results:
        name = Path(r.tree).name or r.tree
        lines.append(
            f"{name[:28]:28} {r.baseline:12} {r.files:7} {r.lines:9} {r.baseline_wall_s:8.3f}"
            f" {r.baseline_cpu_s:8.2f} {'':>9} {1.0:7.1f} {1.0:7.1f}"
        )
        for m in r.runs:
            uses = "" if m.uses is None else str(m.uses)
            lines.append(
                f"{name[:28]:28} {m.phase:12} {r.files:7} {r.lines:9} {m.wall_s:8.3f} {m.cpu_s:8.2f}"
                f" {m.peak_rss_mib:9.1f} {m.wall_s / r.baseline_wall_s:7.1f}"
                f" {m.cpu_s / max(r.baseline_cpu_s, 1e-3):7.1f} {uses:>6} {m.exit_code:4}"
            )
    if any(r.baseline != "rg" for r in results):
        lines.append("note: rg was not on PATH; the baseline is a Python read+regex pass (slower than rg)")
    return "\n".join(lines)


def profile(tree: Path, args: argparse.Namespace, out: Path) -> str:
    """A cProfile of one cold run in one process (--jobs 1); returns the top functions."""
    import pstats

    with tempfile.TemporaryDirectory(prefix="bench-prof-") as tmp:
        argv = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "analyzer.cli",
                *command(args.cmd, tree, Path(tmp) / "cache", args.to, 1, args.targets)[len(tool_argv()):]]
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=False)
    import io

    buf = io.StringIO()
    stats = pstats.Stats(str(out), stream=buf)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(25)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("trees", nargs="+", type=Path)
    ap.add_argument("--cmd", choices=["uses", "scan"], default="uses")
    ap.add_argument("--to", default="1.27", help="target toolchain for --cmd scan")
    ap.add_argument("--jobs", type=int, default=None, help="passed to the command (default: its own)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per phase; the median is shown")
    ap.add_argument("--identifiers", help="targets JSON (list or kb list output) for the baseline regex")
    ap.add_argument(
        "--targets", help="pass `uses --targets FILE` ([{package, symbol}]); also the baseline's names"
    )
    ap.add_argument("--json", dest="json_out", help="write the results as JSON here")
    ap.add_argument("--profile", type=Path, help="also cProfile a cold --jobs 1 run of the first tree here")
    args = ap.parse_args(argv)
    idents, source = load_identifiers(args.identifiers or args.targets)
    results = [bench_tree(t.resolve(), args, idents) for t in args.trees]
    sys.stderr.flush()
    print(render(results, args.cmd, source, len(idents)), flush=True)
    if args.json_out:
        doc: dict[str, Any] = {"cmd": args.cmd, "identifiers": source}
        doc["results"] = [asdict(r) for r in results]
        Path(args.json_out).write_text(json.dumps(doc, indent=1) + "\n")
    if args.profile:
        print(profile(args.trees[0].resolve(), args, args.profile))
    failed = any(m.exit_code not in (0, 1) for r in results for m in r.runs)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
