#!/usr/bin/env bash
# Builds and runs the ingest benchmark (release): a local TLS IRC server floods the real bot path
# (TLS → parse → session → coordinator → batched durable commit) and measures lines/s and command round trips,
# and the same flood into a raw C TLS reader first, printing sitrep's rate as a fraction of it.
# Extra arguments go to the benchmark, e.g. deploy/bench/ingest-bench.sh --lines 2000000 --commands 500
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$work/key.pem" \
    -out "$work/cert.pem" -days 1 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
# The yardstick: a raw C + OpenSSL reader of the same flood (Debian: libssl-dev), run first, side by side.
cc -O2 -o "$work/raw-tls-reader" deploy/bench/raw-tls-reader.c -lssl -lcrypto
swift build -c release --product sitrep-ingest-bench
"$(swift build -c release --show-bin-path)/sitrep-ingest-bench" --cert "$work/cert.pem" --key "$work/key.pem" \
    --raw-reader "$work/raw-tls-reader" "$@"
