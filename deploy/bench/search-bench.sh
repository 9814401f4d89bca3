#!/usr/bin/env bash
# Builds and runs the search benchmark (release): 10,000 realistic incidents, 1,000 queries, p50/p99 latency.
# Extra arguments go to the benchmark, e.g.
#   deploy/bench/search-bench.sh --incidents 10000 --queries 1000 --seed 42
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product sitrep-search-bench
exec "$(swift build -c release --show-bin-path)/sitrep-search-bench" "$@"
