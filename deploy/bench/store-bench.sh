#!/usr/bin/env bash
# Builds and runs the storage benchmark (release). Extra arguments go to the benchmark, e.g.
#   deploy/bench/store-bench.sh --lines 1000000 --batch 5000 --incidents 4
#   deploy/bench/store-bench.sh --backend all      # SQLite, then PostgreSQL (deploy/local/postgres.sh up first)
# The PostgreSQL server comes from SITREP_TEST_POSTGRES_* or, when unset, from .local/pg/env.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${SITREP_TEST_POSTGRES_PORT:-}" ] && [ -f .local/pg/env ]; then
    set -a
    # shellcheck disable=SC1091
    . .local/pg/env
    set +a
fi
swift build -c release --product sitrep-store-bench
exec "$(swift build -c release --show-bin-path)/sitrep-store-bench" "$@"
