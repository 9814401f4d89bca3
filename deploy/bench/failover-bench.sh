#!/usr/bin/env bash
# Failover time of an active/standby pair (release build): two `sitrep run` processes on one PostgreSQL database
# and the local InspIRCd. Each round kills the active instance with SIGKILL and measures until the other one is
# active and registered on IRC (its /readyz answers 200 and names it active), then restarts the killed one as the
# standby. Prints every round, the median and the worst.
#
# Usage: deploy/bench/failover-bench.sh [ROUNDS]      (default 10; lease_ttl from FAILOVER_LEASE_TTL, default 6s;
#        SITREP_BINARY=path uses that binary instead of building a release one)
# Needs the local servers: deploy/local/irc-servers.sh up and deploy/local/postgres.sh up (their env files are read
# from .local/irc/env and .local/pg/env unless already exported), and psql.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-10}
ttl=${FAILOVER_LEASE_TTL:-6s}
set -a
[ -n "${INSPIRCD_TLS_PORT:-}" ] || . .local/irc/env
[ -n "${SITREP_TEST_POSTGRES_PORT:-}" ] || . .local/pg/env
set +a

if [ -n "${SITREP_BINARY:-}" ]; then
    bin=$SITREP_BINARY     # e.g. a debug build, to try the script quickly
else
    swift build -c release --product sitrep >&2
    bin="$(swift build -c release --show-bin-path)/sitrep"
fi
work=$(mktemp -d)
database="sitrep_failover_bench_$$"
declare -A pid port
port[a]=18181
port[b]=18182

psql_admin() {
    PGPASSWORD=$SITREP_TEST_POSTGRES_PASSWORD PGSSLMODE=require psql -X -q -v ON_ERROR_STOP=1 \
        -h "$SITREP_TEST_POSTGRES_HOST" -p "$SITREP_TEST_POSTGRES_PORT" -U "$SITREP_TEST_POSTGRES_USER" \
        -d "$SITREP_TEST_POSTGRES_DATABASE" -c "$1"
}
cleanup() {
    for instance in a b; do
        if [ -n "${pid[$instance]:-}" ]; then { kill -9 "${pid[$instance]}" && wait "${pid[$instance]}"; } 2>/dev/null || true; fi
    done
    psql_admin "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
    rm -rf "$work"
}
trap cleanup EXIT
psql_admin "CREATE DATABASE $database"
printf '%s' "$BOT_PASSWORD" >"$work/bot-password"
printf '%s' "$SITREP_TEST_POSTGRES_PASSWORD" >"$work/pg-password"
for instance in a b; do
    cat >"$work/$instance.yaml" <<EOF
irc:
  host: ${IRC_HOST:-127.0.0.1}
  port: $INSPIRCD_TLS_PORT
  tls: { enabled: true, ca_file: "$IRC_CA_FILE" }
  nick: fobench
  sasl: { mechanism: plain, account: $BOT_ACCOUNT, password_file: bot-password, required: true }
  channels: ["#failover-bench"]
logging: { level: warning }
store:
  postgres:
    hosts: ["$SITREP_TEST_POSTGRES_HOST:$SITREP_TEST_POSTGRES_PORT"]
    database: $database
    user: $SITREP_TEST_POSTGRES_USER
    password_file: pg-password
    tls: { enabled: true, ca_file: "$SITREP_TEST_POSTGRES_CA_FILE" }
web:
  listen: 127.0.0.1:${port[$instance]}
failover:
  instance: $instance
  lease_ttl: $ttl
EOF
done

start() {
    "$bin" run --config "$work/$1.yaml" >>"$work/$1.log" 2>&1 &
    pid[$1]=$!
}
# Waits until /readyz of $1 answers 200 naming it `$2` (active or standby); prints the seconds waited.
wait_for() {
    local started now
    started=$(date +%s.%N)
    until curl -fsS "http://127.0.0.1:${port[$1]}/readyz" 2>/dev/null | grep -q "instance: $1 ($2)"; do
        now=$(date +%s.%N)
        if awk -v a="$started" -v b="$now" 'BEGIN { exit !(b - a > 60) }'; then
            echo "instance $1 did not become $2 within 60 s; its log:" >&2
            tail -20 "$work/$1.log" >&2
            exit 1
        fi
        sleep 0.02
    done
    now=$(date +%s.%N)
    awk -v a="$started" -v b="$now" 'BEGIN { printf "%.2f\n", b - a }'
}

start a
wait_for a active >/dev/null
start b
wait_for b standby >/dev/null
active=a
standby=b
times=()
for round in $(seq 1 "$rounds"); do
    # Kill at a random point of the renewal cycle (lease_ttl/6), not always just after a renewal.
    sleep "$((1 + RANDOM % 2)).$((RANDOM % 10))"
    kill -9 "${pid[$active]}"
    wait "${pid[$active]}" 2>/dev/null || true
    took=$(wait_for "$standby" active)
    times+=("$took")
    echo "round $round: kill -9 $active → $standby active and on IRC in $took s"
    start "$active"
    wait_for "$active" standby >/dev/null
    previous=$active
    active=$standby
    standby=$previous
done
printf '%s\n' "${times[@]}" | sort -n | awk -v ttl="$ttl" '
    { t[NR] = $1 }
    END {
        median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        printf "failover (lease_ttl %s, %d kills): median %.2f s, best %.2f s, worst %.2f s\n", ttl, NR, median, t[1], t[NR]
    }'
