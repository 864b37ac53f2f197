#!/usr/bin/env bash
# Regenerates analyzer/data/stdlib.json with the venv's Go (the toolchain the facts describe).
# Roots: roots.txt (what inference needs) plus every std package a KB entry names.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
kb=$(cd ../.. && python -c '
from analyzer.kb import load_entries
from analyzer.scan.stdlib import is_std
from analyzer.scan.targets import Targets
print("\n".join(sorted({p for p, _ in Targets.from_entries(load_entries()).keys if is_std(p)})))')
roots=$( (grep -v '^#' roots.txt; echo "$kb") | sort -u)
GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GOCACHE="$tmp/cache" GOPATH="$tmp/gopath" GOOS=linux GOARCH=amd64 \
  go run . -o ../../analyzer/data/stdlib.json $roots
