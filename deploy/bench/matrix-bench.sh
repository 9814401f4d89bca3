#!/usr/bin/env bash
# Builds and runs the Matrix benchmark (release): the real sitrep (Matrix sync → coordinator → batched durable
# commit, SQLite) against the local Synapse of deploy/local/synapse.sh; measures events/s (Synapse's send side vs
# sitrep's record side, lost count) and !note round trips (p50/p99) as a responder sees them in its own sync.
# Needs Synapse up: `deploy/local/synapse.sh up` (writes .local/synapse/env, read here unless SITREP_MATRIX_URL is
# already exported). Extra arguments go to the benchmark, e.g. deploy/bench/matrix-bench.sh --events 10000
# --commands 300 --senders 16 (defaults: 2000 events, 100 commands, 8 sends in flight, responder carol, whose
# message rate limit synapse.sh lifts). --encrypted runs both phases in end-to-end encrypted rooms (the bot with an
# encryption key, the responder's device encrypting each message and decrypting the replies); compare with a run
# without it on the same Synapse. deploy/bench/crypto-bench.sh measures the crypto alone, without a homeserver.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${SITREP_MATRIX_URL:-}" ]; then
    if [ ! -f .local/synapse/env ]; then
        echo "matrix-bench: no .local/synapse/env; start Synapse first: deploy/local/synapse.sh up" >&2
        exit 1
    fi
    set -a
    . .local/synapse/env
    set +a
fi
swift build -c release --product sitrep-matrix-bench
"$(swift build -c release --show-bin-path)/sitrep-matrix-bench" "$@"
