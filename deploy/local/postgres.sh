#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster on loopback for local use, the store tests and the benchmarks.
#
# Usage: deploy/local/postgres.sh COMMAND [DIR]        (DIR defaults to <repo>/.local/pg)
#   up       install PostgreSQL 15 if missing (root only), create the cluster in DIR/data on first use (TLS with a
#            throw-away CA in DIR/tls, role `sitrep` with a random password, database `sitrep`), start it on
#            127.0.0.1:$SITREP_PG_PORT, wait until it answers, write and print DIR/env. Idempotent.
#   down     stop the cluster (fast shutdown); the data stays for the next `up`
#   status   say whether it runs
#   env      print DIR/env
#   destroy  stop the cluster (and a pair's standby) and delete DIR
#
# A replicated pair for failover tests, in a DIR of its own (the same role, password, database and TLS):
#   pair-up DIR [BASE_PORT]  the primary on BASE_PORT (default 5435) in DIR/data, a hot standby on BASE_PORT+1 in
#            DIR/standby (pg_basebackup -R, physical slot `standby`), synchronous_standby_names = 'standby' and
#            synchronous_commit on, so a committed write is on both; returns once the standby streams as `sync`.
#            Writes DIR/env as `up` does, plus SITREP_TEST_POSTGRES_STANDBY_PORT. Idempotent until `promote`.
#   pair-down DIR      stop both servers (fast shutdown)
#   stop-primary DIR   stop the primary at once (immediate shutdown, as if its machine died)
#   promote DIR        promote the standby and wait until it accepts writes
#
# DIR/env holds KEY=value lines (`set -a; . DIR/env; set +a` exports them): SITREP_TEST_POSTGRES_HOST, _PORT,
# _USER, _PASSWORD, _DATABASE, _CA_FILE and SITREP_TEST_POSTGRES_URL. The role may create databases, so each test
# makes its own and drops it afterwards.
#
# Port: SITREP_PG_PORT (default 5433, not the usual 5432) is recorded in DIR/port at the first `up`.
# As root, initdb refuses to run, so the cluster runs as the `postgres` user (created by Debian's package) and DIR
# is owned by it; as a normal user, the cluster runs as that user. Binaries: /usr/lib/postgresql/15/bin.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cmd=${1:-}
dir=${2:-$repo/.local/pg}
# A pair never lands in the shared single cluster's DIR by default.
case $cmd in pair-* | stop-primary | promote) [ -n "${2:-}" ] || cmd=usage ;; esac
# The server runs from its own working directory: a relative DIR would point elsewhere.
case $dir in /*) ;; *) dir=$PWD/$dir ;; esac
bin=/usr/lib/postgresql/15/bin
role=sitrep
database=sitrep

usage() { sed -n '2,33p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
log() { printf 'postgres: %s\n' "$*" >&2; }
die() { printf 'postgres: ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
    if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_missing() {
    [ -x "$bin/initdb" ] && command -v openssl >/dev/null && return 0
    is_root || die "PostgreSQL 15 is missing; install it (apt-get install postgresql-15 openssl) or run as root"
    log "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    [ -n "${APT_UPDATED:-}" ] || apt-get update -qq
    # Keep Debian from creating and starting its own cluster on 5432 while installing.
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    if ! apt-get install -y -qq --no-install-recommends postgresql openssl >/dev/null; then
        rm -f /usr/sbin/policy-rc.d
        die "apt-get install postgresql failed"
    fi
    rm -f /usr/sbin/policy-rc.d
}

port() { cat "$dir/port"; }

# The data directory: DIR/data, unless root's `postgres` user cannot reach DIR (a checkout under /root, say);
# then a directory of its own under /var/tmp, recorded in DIR/datadir.
data_dir() {
    if [ -f "$dir/datadir" ]; then cat "$dir/datadir"; else echo "$dir/data"; fi
}

prepare_dir() {
    mkdir -p "$dir"
    [ -f "$dir/port" ] || echo "${SITREP_PG_PORT:-5433}" >"$dir/port"
    if is_root && [ ! -f "$dir/datadir" ]; then
        chown postgres:postgres "$dir"
        if ! runuser -u postgres -- test -w "$dir"; then
            local fallback
            fallback=/var/tmp/sitrep-pg-$(printf '%s' "$dir" | sha256sum | cut -c1-12)
            mkdir -p "$fallback"
            chown postgres:postgres "$fallback"
            echo "$fallback/data" >"$dir/datadir"
            log "postgres cannot reach $dir; the cluster lives in $fallback/data"
        fi
    fi
    [ -f "$dir/password" ] || (umask 077 && openssl rand -hex 24 >"$dir/password")
}

# A throw-away CA and a server certificate for 127.0.0.1/localhost, so clients can verify the server.
gen_tls() {
    local t=$dir/tls
    mkdir -p "$t"
    [ -f "$t/ok" ] && return 0
    local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
    openssl req -x509 "${ec[@]}" -keyout "$t/ca.key" -out "$t/ca.crt" -days 30 -subj "/CN=sitrep postgres test CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req "${ec[@]}" -keyout "$t/server.key" -out "$t/server.csr" -subj /CN=localhost 2>/dev/null
    printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=CA:FALSE" \
        "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" >"$t/server.ext"
    openssl x509 -req -in "$t/server.csr" -CA "$t/ca.crt" -CAkey "$t/ca.key" -CAcreateserial -days 30 \
        -extfile "$t/server.ext" -out "$t/server.crt" 2>/dev/null
    chmod 600 "$t/server.key" "$t/ca.key"
    chmod 644 "$t/ca.crt" "$t/server.crt"
    touch "$t/ok"
}

# Options are passed on to initdb (the pair adds --no-sync: a test cluster need not survive a power cut).
init_cluster() {
    local data
    data=$(data_dir)
    [ -f "$data/PG_VERSION" ] && return 0
    log "creating the cluster in $data (port $(port))"
    mkdir -p "$data"
    is_root && chown postgres:postgres "$data"
    chmod 700 "$data"
    as_owner "$bin/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust \
        --auth-host=scram-sha-256 "$@" >/dev/null
    cat >>"$data/postgresql.conf" <<EOF

# sitrep local test cluster
listen_addresses = '127.0.0.1'
port = $(port)
unix_socket_directories = '$data'
max_connections = 400
shared_buffers = 256MB
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
log_min_messages = warning
EOF
}

# Whether the server of data directory $1 (default: the cluster's) runs.
running() {
    as_owner "$bin/pg_ctl" -D "${1:-$(data_dir)}" status >/dev/null 2>&1
}

# psql as the superuser over the Unix socket of the server in data directory $1 on port $2.
psql_at() {
    local data=$1 port=$2
    shift 2
    as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres -d postgres "$@"
}

psql_admin() { psql_at "$(data_dir)" "$(port)" "$@"; }

# Starts the server of data directory $1 (port $2, for the log) with this DIR's certificate, waiting until it
# answers. The certificate is copied also when the cluster outlived an earlier DIR (the /var/tmp fallback).
start_server() {
    local data=$1
    cp "$dir/tls/server.crt" "$dir/tls/server.key" "$data/"
    if is_root; then chown postgres:postgres "$data/server.crt" "$data/server.key"; fi
    chmod 600 "$data/server.key"
    log "starting on 127.0.0.1:$2"
    # The server outlives this script: it must not hold the caller's descriptors, or a caller waiting for EOF
    # (an output pipe, the socket Foundation's Process watches to see its child exit) waits as long as it runs.
    (
        for fd in /proc/$BASHPID/fd/*; do
            fd=${fd##*/}
            if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null
    ) || die "the server did not start on port $2; the end of $data/server.log:
$(tail -n 8 "$data/server.log" 2>/dev/null)"
}

create_role() {
    local password
    password=$(cat "$dir/password")
    psql_admin -v pw="$password" <<'EOF'
SELECT format('CREATE ROLE sitrep LOGIN CREATEDB PASSWORD %L', :'pw')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sitrep') \gexec
SELECT format('ALTER ROLE sitrep PASSWORD %L', :'pw') \gexec
SELECT 'CREATE DATABASE sitrep OWNER sitrep'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'sitrep') \gexec
EOF
}

write_env() {
    local password port
    password=$(cat "$dir/password")
    port=$(port)
    cat >"$dir/env" <<EOF
SITREP_TEST_POSTGRES_HOST=127.0.0.1
SITREP_TEST_POSTGRES_PORT=$port
SITREP_TEST_POSTGRES_USER=$role
SITREP_TEST_POSTGRES_PASSWORD=$password
SITREP_TEST_POSTGRES_DATABASE=$database
SITREP_TEST_POSTGRES_CA_FILE=$dir/tls/ca.crt
SITREP_TEST_POSTGRES_URL=postgres://$role:$password@127.0.0.1:$port/$database
EOF
    chmod 600 "$dir/env"
}

up() {
    install_missing
    prepare_dir
    gen_tls
    init_cluster
    running || start_server "$(data_dir)" "$(port)"
    create_role
    write_env
    # The password stays in the file (mode 600); print the rest.
    grep -v -e PASSWORD -e URL "$dir/env"
}

down() {
    [ -f "$dir/port" ] || return 0
    stop_server "$(data_dir)" fast
}

# Stops the server of data directory $1 if it runs; $2 is the shutdown mode (fast or immediate).
stop_server() {
    if running "$1"; then
        as_owner "$bin/pg_ctl" -D "$1" -m "$2" -w stop >/dev/null
        log "stopped ($1, $2)"
    fi
}

. "$here/postgres-pair.sh"

case "$cmd" in
up) up ;;
down) down ;;
status)
    if [ -f "$dir/port" ] && running; then echo "postgres: running on 127.0.0.1:$(port) ($(data_dir))"; else
        echo "postgres: not running"
        exit 1
    fi
    ;;
env) cat "$dir/env" ;;
pair-up) pair_up "${3:-}" ;;
pair-down) pair_down ;;
stop-primary) stop_server "$(data_dir)" immediate ;;
promote) promote ;;
destroy)
    pair_down
    if [ -f "$dir/datadir" ]; then rm -rf "$(dirname "$(cat "$dir/datadir")")"; fi
    rm -rf "$dir"
    ;;
*) usage ;;
esac
