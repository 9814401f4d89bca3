#!/usr/bin/env bash
# Builds and runs the export benchmark (release): one incident with 100,000 transcript lines; times `verify`
# and each export format, and the post-incident review (Markdown, HTML). Extra arguments go to the benchmark, e.g.
#   deploy/bench/export-bench.sh --lines 100000 --keep
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product sitrep-export-bench
exec "$(swift build -c release --show-bin-path)/sitrep-export-bench" "$@"
