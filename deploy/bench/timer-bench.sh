#!/usr/bin/env bash
# Builds and runs the timer benchmark (release): 10,000 open incidents with 100,000 pending timers loaded by
# the real coordinator and timer service; reports resident memory, idle CPU and the lateness of fired timers.
# Extra arguments go to the benchmark, e.g. deploy/bench/timer-bench.sh --fire 5000 --idle-seconds 20
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product sitrep-timer-bench
exec "$(swift build -c release --show-bin-path)/sitrep-timer-bench" "$@"
