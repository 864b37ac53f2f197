#!/usr/bin/env bash
# Regenerates analyzer/data/stdlib.json with the venv's Go (the toolchain the facts describe).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GOCACHE="$tmp/cache" GOPATH="$tmp/gopath" GOOS=linux GOARCH=amd64 \
  go run . -o ../../analyzer/data/stdlib.json $(grep -v '^#' roots.txt)
