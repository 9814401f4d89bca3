#!/usr/bin/env bash
# Builds and runs the storage benchmark (release). Extra arguments go to the benchmark, e.g.
#   deploy/bench/store-bench.sh --lines 1000000 --batch 5000 --incidents 4
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product sitrep-store-bench
exec "$(swift build -c release --show-bin-path)/sitrep-store-bench" "$@"
