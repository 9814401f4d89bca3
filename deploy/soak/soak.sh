#!/usr/bin/env bash
# Soak (not in the test suite): an active/standby pair of `sitrep run` on a replicated PostgreSQL pair and the local
# InspIRCd+Atheme, under a steady flood (20 clients × 1 line/s into one incident channel), a `!note` from bob every
# few seconds and a SEV1 incident every minute whose escalation pages bob after 5 s and carol 10 s later, while
# faults come at seeded random intervals (20-60 s apart): kill -9 of the active instance (restarted 0-5 s later, as
# systemd would), InspIRCd stopped for 1-30 s, and the PostgreSQL primary stopped with the standby promoted within
# 3 s (a new standby is then cloned, so failovers can repeat). Reports confirmed actions lost (must be 0), pages
# sent twice, the worst and median rejoin after the ircd restarts; exits 1 if anything confirmed was lost.
#
# Usage: deploy/soak/soak.sh [DURATION]     (default 30m; e.g. 5m, 90s, 1h; DURATION=5m or --short = 5m)
#        SOAK_SEED=N replays a run's fault schedule; SITREP_BINARY=path uses that binary instead of building a
#        release one; SOAK_PG_PORT (default 5445) is the PostgreSQL pair's base port (it uses it and the next);
#        SOAK_ARGS="--flood-clients 10 --timer-every 90 …" passes options on to deploy/soak/soak.py (see --help).
# Needs the local IRC servers (deploy/local/irc-servers.sh up; .local/irc/env is read unless INSPIRCD_TLS_PORT is
# exported), PostgreSQL 15 (deploy/local/postgres.sh installs it) and python3. Makes its own PostgreSQL pair in
# .local/soak-pg (destroyed at the end), keeps logs, configs and soak.json in .local/soak-<time>.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-${DURATION:-30m}}
[ "$duration" = --short ] && duration=5m
case $duration in
*h) seconds=$((${duration%h} * 3600)) ;;
*m) seconds=$((${duration%m} * 60)) ;;
*s) seconds=${duration%s} ;;
*[!0-9]* | '') sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
*) seconds=$duration ;;
esac
set -a
[ -n "${INSPIRCD_TLS_PORT:-}" ] || . .local/irc/env
set +a
[ -n "${IRC_SERVER_CONTROL:-}" ] || { echo "soak: the IRC env has no IRC_SERVER_CONTROL; run deploy/local/irc-servers.sh up" >&2; exit 2; }

if [ -n "${SITREP_BINARY:-}" ]; then
    bin=$SITREP_BINARY     # e.g. a debug build, to try the script quickly
else
    swift build -c release --product sitrep >&2
    bin="$(swift build -c release --show-bin-path)/sitrep"
fi
work=$PWD/.local/soak-$(date -u +%Y%m%dT%H%M%S)
pg_dir=$PWD/.local/soak-pg
mkdir -p "$work"
driver=
cleanup() {
    if [ -n "$driver" ]; then kill "$driver" 2>/dev/null && wait "$driver" 2>/dev/null || true; fi
    # The InspIRCd the soak stopped last is started again, so the servers are as they were.
    "$IRC_SERVER_CONTROL" start-inspircd "$SITREP_IRC_DIR" >/dev/null 2>&1 || true
    deploy/soak/pg-pair.sh destroy "$pg_dir" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
deploy/soak/pg-pair.sh up "$pg_dir" "${SOAK_PG_PORT:-5445}"
set -a
. "$pg_dir/env"
set +a
seed=()
[ -z "${SOAK_SEED:-}" ] || seed=(--seed "$SOAK_SEED")
# shellcheck disable=SC2086  # SOAK_ARGS is a list of options
python3 deploy/soak/soak.py --duration "$seconds" "${seed[@]}" --binary "$bin" --work "$work" \
    --pg-control deploy/soak/pg-pair.sh --pg-dir "$pg_dir" --pg-rebuild ${SOAK_ARGS:-} &
driver=$!
status=0
wait "$driver" || status=$?
driver=
exit "$status"
