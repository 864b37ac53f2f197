#!/usr/bin/env python3
"""Time each stage of one `scan` audit in this process: wall and CPU seconds per stage.

Usage: stages.py TREE [--to 1.27] [--cache-dir DIR | --no-cache] [--goos linux]

Wraps the stage functions of analyzer/plan/stages.py (KB load, discovery, plan, scanner, assemble)
and runs `run_audit` once, without the run memo, so a warm cache shows what a re-run after an edit
costs. The deployment stage runs in its own child process beside discovery and the scanner, so it
has no row of its own (use --jobs 1 to see it inline).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

T0 = time.perf_counter()

import analyzer.plan.stages as stages  # noqa: E402  (the import is timed)
from analyzer.plan.options import validate  # noqa: E402

IMPORT_S = time.perf_counter() - T0
STAGES = ("load_kb", "discover_repos", "resolve_plan", "scan_and_match", "deploy_findings", "assemble")


def timed(name: str, fn: Callable[..., Any], out: dict[str, tuple[float, float]]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            w, c = out.get(name, (0.0, 0.0))
            out[name] = (w + time.perf_counter() - wall, c + time.process_time() - cpu)

    return run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tree", type=Path)
    ap.add_argument("--to", default="1.27")
    ap.add_argument("--goos", default="linux")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--cache-dir", type=Path, default=None)
    ap.add_argument("--no-cache", action="store_true")
    args = ap.parse_args(argv)
    times: dict[str, tuple[float, float]] = {}
    for name in STAGES:
        setattr(stages, name, timed(name, getattr(stages, name), times))
    opts = validate(
        path=args.tree, to=args.to, from_=None, go_line="keep", goos=args.goos, goarch="amd64", fmt="json",
        fail_on="changed", jobs=args.jobs, cache_dir=args.cache_dir, no_cache=args.no_cache, strict=False,
    )
    wall, cpu = time.perf_counter(), time.process_time()
    stages.run_audit(opts)
    total = (time.perf_counter() - wall, time.process_time() - cpu)
    print(f"{'stage':18} {'wall s':>8} {'cpu s':>8}")
    print(f"{'import':18} {IMPORT_S:8.2f} {'':>8}")
    for name in STAGES:
        if name in times:
            print(f"{name:18} {times[name][0]:8.2f} {times[name][1]:8.2f}")
    print(f"{'run_audit':18} {total[0]:8.2f} {total[1]:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
