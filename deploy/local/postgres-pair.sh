# The replicated pair of deploy/local/postgres.sh (sourced by it; uses its functions and $dir): a primary in
# DIR/data on BASE_PORT and a streaming hot standby in DIR/standby on BASE_PORT+1, synchronously replicated, so
# that failover tests can stop the primary, promote the standby and check that nothing committed was lost.

standby_data() { echo "$(dirname "$(data_dir)")/standby"; }
standby_port() { echo $(($(port) + 1)); }

# Runs the command in $2… every 0.1 s until it succeeds; fails after 30 s naming $1.
wait_until() {
    local what=$1 tries=300
    shift
    until "$@"; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || die "timed out waiting until $what"
        sleep 0.1
    done
}

replication_is_sync() {
    [ "$(psql_admin -At -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'")" = sync ]
}

standby_is_writable() {
    [ "$(psql_at "$(standby_data)" "$(standby_port)" -At -c 'SELECT pg_is_in_recovery()')" = f ]
}

# Clones the running primary into DIR/standby (once): a physical slot keeps the WAL it still needs, -R writes
# standby.signal and primary_conninfo (with application_name=standby, the name synchronous_standby_names uses).
make_standby() {
    local standby
    standby=$(standby_data)
    [ -f "$standby/PG_VERSION" ] && return 0
    log "cloning the standby into $standby (port $(standby_port))"
    psql_admin >/dev/null -c "SELECT pg_create_physical_replication_slot('standby')
        WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = 'standby')"
    # (It skips the primary's Unix socket, which lives in the data directory, with a warning we do not need.)
    as_owner "$bin/pg_basebackup" -d "host=$(data_dir) port=$(port) user=postgres application_name=standby" \
        -D "$standby" -R -S standby -X stream -c fast --no-sync 2> >(grep -v 'skipping special file' >&2) \
        || die "pg_basebackup failed; see $(data_dir)/server.log"
    printf '\n# the standby of the pair\nport = %s\nunix_socket_directories = %s\n' \
        "$(standby_port)" "'$standby'" >>"$standby/postgresql.conf"
}

# pair-up: see the usage. $1 is the base port (default: the one recorded in DIR, else 5435).
pair_up() {
    local base=${1:-}
    if [ -n "$base" ] && [ -f "$dir/port" ] && [ "$(port)" != "$base" ]; then
        die "$dir holds a pair on port $(port), not $base"
    fi
    export SITREP_PG_PORT=${base:-5435}
    install_missing
    prepare_dir
    if [ -f "$(standby_data)/PG_VERSION" ] && [ ! -f "$(standby_data)/standby.signal" ]; then
        die "the standby in $dir was promoted; destroy $dir and run pair-up again"
    fi
    gen_tls
    if [ ! -f "$(data_dir)/PG_VERSION" ]; then
        init_cluster --no-sync
        # Without fsync a pair starts in a few seconds (the standby's crash recovery no longer syncs every file).
        # Safe for what the pair is for: tests stop a server process, never the machine under it.
        printf '
# the primary of the pair (the standby copies this file)
fsync = off
' >>"$(data_dir)/postgresql.conf"
    fi
    running || start_server "$(data_dir)" "$(port)"
    create_role
    make_standby
    running "$(standby_data)" || start_server "$(standby_data)" "$(standby_port)"
    # Only now: with a synchronous standby named, the primary's commits wait for it (create_role's too).
    psql_admin >/dev/null -c "ALTER SYSTEM SET synchronous_standby_names = 'standby'" \
        -c "ALTER SYSTEM SET synchronous_commit = 'on'" -c "SELECT pg_reload_conf()"
    wait_until "the standby streams as sync (see $(standby_data)/server.log)" replication_is_sync
    write_env
    echo "SITREP_TEST_POSTGRES_STANDBY_PORT=$(standby_port)" >>"$dir/env"
    grep -v -e PASSWORD -e URL "$dir/env"
}

# pair-down (and destroy): the primary, then the standby, so the standby receives the shutdown checkpoint.
pair_down() {
    [ -f "$dir/port" ] || return 0
    down
    if [ -d "$(standby_data)" ]; then stop_server "$(standby_data)" fast; fi
}

promote() {
    as_owner "$bin/pg_ctl" -D "$(standby_data)" -w -t 60 promote >/dev/null \
        || die "the standby could not be promoted; see $(standby_data)/server.log"
    wait_until "the promoted standby accepts writes" standby_is_writable
    log "127.0.0.1:$(standby_port) accepts writes"
}
