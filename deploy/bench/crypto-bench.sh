#!/usr/bin/env bash
# Builds and runs the Matrix end-to-end encryption benchmark (release), in process and without a homeserver: the
# bot's own crypto path (MatrixDeviceCrypto on Debian's libolm). Measures the cost per room event of decoding a plain
# message vs decoding and Megolm-decrypting an encrypted one, the cost to encrypt a reply, the cost to take a room key
# over Olm, the resident memory per 1,000 inbound Megolm sessions, and the sealed state per 1,000 sessions (what the
# store keeps and a restart unseals). Extra arguments go to the benchmark, e.g. deploy/bench/crypto-bench.sh
# --events 20000 --sessions 10000 (defaults: 20,000 events, 1,000 sessions). Needs libolm-dev.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product sitrep-crypto-bench
"$(swift build -c release --show-bin-path)/sitrep-crypto-bench" "$@"
