#!/usr/bin/env python3
"""Run the go/types oracle and `godebug-audit uses` on every repository of a corpus and compare them.

Usage: run_corpus.py CORPUS_DIR --targets T.json [--oracle BIN] [--out DIR] [--repos a,b] [--reuse-oracle]

CORPUS_DIR holds one directory per repository. The oracle binary is built from this folder
(`go build -o /tmp/accuracy .`) when --oracle is not given. For each repository it writes
DIR/<repo>.oracle.json, .unres.json, .ours.json, .compare.txt and .compare.json, then prints one table
row per repository (files, oracle uses, ours, matched, recall, precision, oracle-limited extras).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import compare  # noqa: E402


def build_oracle(out: Path) -> Path:
    env = dict(os.environ, GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="")
    subprocess.run(["go", "build", "-o", str(out), "."], cwd=HERE, env=env, check=True)
    return out


def tool_argv() -> list[str]:
    exe = Path(sys.executable).parent / "godebug-audit"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "analyzer.cli"]


def count_go(tree: Path) -> int:
    return sum(1 for _, _, fs in os.walk(tree) for f in fs if f.endswith(".go"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--targets", required=True)
    ap.add_argument("--oracle", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/tmp/accuracy-out"))
    ap.add_argument("--repos", help="comma-separated subset")
    ap.add_argument("--reuse-oracle", action="store_true", help="keep existing oracle output")
    ap.add_argument("--ours-args", default="--all-files", help="extra arguments for `godebug-audit uses`")
    ap.add_argument("--oracle-args", default="-skip-testdata", help="extra arguments for the oracle")
    ap.add_argument("--kb", action="store_true", help="let `uses` read the KB instead of --targets")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    oracle = args.oracle or build_oracle(Path("/tmp/accuracy"))
    all_repos = sorted(p.name for p in args.corpus.iterdir() if p.is_dir())
    repos = args.repos.split(",") if args.repos else all_repos
    targets = compare.load_targets(args.targets)
    head = f"{'repo':20} {'files':>6} {'oracle':>7} {'ours':>6} {'match':>6}"
    head += f" {'recall':>7} {'prec':>7} {'olim':>5}"
    rows = [head, "-" * len(head)]
    for repo in repos:
        tree = args.corpus / repo
        o, u, ours = (args.out / f"{repo}.{k}.json" for k in ("oracle", "unres", "ours"))
        if not (args.reuse_oracle and o.exists()):
            with o.open("w") as fh:
                cmd = [str(oracle), *args.oracle_args.split(), "-targets", args.targets]
                cmd += ["-unresolved", str(u)]
                subprocess.run([*cmd, str(tree)], stdout=fh, check=True)
        with ours.open("w") as fh:
            cmd = [*tool_argv(), "uses", str(tree), "--format", "json", "--no-cache", *args.ours_args.split()]
            if not args.kb:
                cmd += ["--targets", args.targets]
            proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE, text=True)
        if proc.returncode not in (0, 1):
            rows.append(f"{repo:20} ours failed (exit {proc.returncode}): {proc.stderr.strip()[-200:]}")
            continue
        unres = {(x["file"], int(x["line"]), int(x["column"]))
                 for x in json.loads(u.read_text()).get("unresolved") or []}
        cmp = compare.compare(compare.load_uses(str(o)), compare.load_uses(str(ours)), unres, targets)
        src = compare.SourceLines(str(tree))
        (args.out / f"{repo}.compare.txt").write_text(compare.render(cmp, src, "symbol", 200) + "\n")
        (args.out / f"{repo}.compare.json").write_text(json.dumps(compare.as_json(cmp, src), indent=1) + "\n")
        n_or = len(cmp.matched) + len(cmp.misses)
        n_us = len(cmp.matched) + len(cmp.extras)
        rows.append(
            f"{repo:20} {count_go(tree):6} {n_or:7} {n_us:6} {len(cmp.matched):6} {cmp.recall:7.4f}"
            f" {cmp.precision:7.4f} {len(cmp.oracle_limited):5}"
        )
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
