#!/usr/bin/env bash
# Builds and runs the paging benchmark (release): 1,000 people paged at once by email through the local mail sink
# (start it first: deploy/local/mail-sink.sh up), by the real page dispatcher over SQLite; reports delivered,
# duplicates, claim → stored latency p50/p99, total time and resident memory.
# Extra arguments go to the benchmark, e.g. deploy/bench/page-bench.sh --people 200 --incidents 2
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product sitrep-page-bench
exec "$(swift build -c release --show-bin-path)/sitrep-page-bench" "$@"
