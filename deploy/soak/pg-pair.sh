#!/usr/bin/env bash
# The soak's PostgreSQL pair: deploy/local/postgres.sh makes it (pair-up), this script fails it over as often as
# the soak likes, which postgres.sh's stop-primary/promote do only once (they assume the primary stays in DIR/data).
#
# Usage: deploy/soak/pg-pair.sh COMMAND DIR [ARG]
#   up DIR BASE_PORT   a fresh pair (whatever DIR held is destroyed): the primary on BASE_PORT, the standby on +1
#   fail DIR [DELAY]   stop the current primary at once (immediate shutdown), wait DELAY seconds (default 0), promote
#                      the standby and wait until it accepts writes; the roles swap
#   rebuild DIR        after `fail`: clone the new primary into the dead one's data directory (pg_basebackup), start
#                      it as a synchronous standby on its old port and wait until it streams as `sync`
#   roles DIR          print "primary PORT standby PORT"
#   destroy DIR        stop both servers and delete DIR
# Roles are kept in DIR/soak-roles. Runs the servers as postgres.sh does (as the `postgres` user when root).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
local_pg=$here/../local/postgres.sh
bin=/usr/lib/postgresql/15/bin
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
case $dir in /*) ;; *) dir=$PWD/$dir ;; esac

log() { printf 'pg-pair: %s\n' "$*" >&2; }
die() { printf 'pg-pair: ERROR: %s\n' "$*" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The two servers: their data directories as postgres.sh lays them out, the primary's port in DIR/port.
first_data() { if [ -f "$dir/datadir" ]; then cat "$dir/datadir"; else echo "$dir/data"; fi; }
second_data() { echo "$(dirname "$(first_data)")/standby"; }
base_port() { cat "$dir/port"; }

# Sets primary_data primary_port standby_data standby_port from DIR/soak-roles.
load_roles() {
    [ -f "$dir/soak-roles" ] || die "$dir/soak-roles is missing; run: $0 up $dir BASE_PORT"
    read -r primary_data primary_port standby_data standby_port <"$dir/soak-roles"
}
save_roles() { echo "$1 $2 $3 $4" >"$dir/soak-roles"; }

psql_on() {
    local data=$1 port=$2
    shift 2
    as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres -d postgres "$@"
}

# Runs the command in $2… every 0.1 s until it succeeds; fails after 60 s naming $1.
wait_until() {
    local what=$1 tries=600
    shift
    until "$@" 2>/dev/null; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || die "timed out waiting until $what"
        sleep 0.1
    done
}
writable() { [ "$(psql_on "$1" "$2" -At -c 'SELECT pg_is_in_recovery()')" = f ]; }
streams_sync() {
    [ "$(psql_on "$1" "$2" -At -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'")" = sync ]
}

up() {
    local base=$1
    [ -n "$base" ] || die "up needs BASE_PORT"
    if [ -d "$dir" ]; then "$local_pg" destroy "$dir"; fi
    "$local_pg" pair-up "$dir" "$base" >/dev/null
    save_roles "$(first_data)" "$(base_port)" "$(second_data)" $(($(base_port) + 1))
    log "primary on $(base_port), standby on $(($(base_port) + 1))"
}

fail() {
    local delay=${1:-0}
    load_roles
    as_owner "$bin/pg_ctl" -D "$primary_data" -m immediate -w stop >/dev/null || die "could not stop $primary_data"
    log "primary on $primary_port stopped (immediate)"
    sleep "$delay"
    as_owner "$bin/pg_ctl" -D "$standby_data" -w -t 60 promote >/dev/null \
        || die "the standby could not be promoted; see $standby_data/server.log"
    wait_until "the promoted standby on $standby_port accepts writes" writable "$standby_data" "$standby_port"
    log "standby on $standby_port promoted after ${delay}s; it accepts writes"
    # No standby now: the dead primary's directory waits for `rebuild`.
    save_roles "$standby_data" "$standby_port" "$primary_data" "$primary_port"
}

rebuild() {
    load_roles
    if as_owner "$bin/pg_ctl" -D "$standby_data" status >/dev/null 2>&1; then die "the standby on $standby_port runs already"; fi
    log "cloning the primary on $primary_port into $standby_data"
    rm -rf "$standby_data"
    psql_on "$primary_data" "$primary_port" >/dev/null -c "SELECT pg_create_physical_replication_slot('standby')
        WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = 'standby')"
    as_owner "$bin/pg_basebackup" -d "host=$primary_data port=$primary_port user=postgres application_name=standby" \
        -D "$standby_data" -R -S standby -X stream -c fast --no-sync 2> >(grep -v 'skipping special file' >&2) \
        || die "pg_basebackup failed; see $primary_data/server.log"
    # The clone must not wait for a synchronous standby of its own once it is promoted in turn.
    sed -i '/^synchronous_standby_names/d' "$standby_data/postgresql.auto.conf"
    printf '\n# soak: the standby again\nport = %s\nunix_socket_directories = %s\n' \
        "$standby_port" "'$standby_data'" >>"$standby_data/postgresql.conf"
    rm -f "$standby_data/postmaster.pid" "$standby_data/server.log"
    (
        for fd in /proc/$BASHPID/fd/*; do
            fd=${fd##*/}
            if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        as_owner "$bin/pg_ctl" -D "$standby_data" -l "$standby_data/server.log" -w -t 60 start >/dev/null
    ) || die "the new standby did not start; see $standby_data/server.log"
    psql_on "$primary_data" "$primary_port" >/dev/null -c "ALTER SYSTEM SET synchronous_standby_names = 'standby'" \
        -c "ALTER SYSTEM SET synchronous_commit = 'on'" -c "SELECT pg_reload_conf()"
    wait_until "the new standby on $standby_port streams as sync" streams_sync "$primary_data" "$primary_port"
    log "standby on $standby_port streams as sync again"
}

case $cmd in
up) up "${3:-}" ;;
fail) fail "${3:-0}" ;;
rebuild) rebuild ;;
roles) load_roles; echo "primary $primary_port standby $standby_port" ;;
destroy) if [ -d "$dir" ]; then "$local_pg" destroy "$dir"; fi ;;
*) die "unknown command $cmd" ;;
esac
