#!/usr/bin/env bash
# A local SMTP server that keeps every message as a file: for the quick start (see the page email a SEV1 sends)
# and the email tests. aiosmtpd (PyPI) in a venv, run by deploy/local/mail-sink.py.
#
# Usage: deploy/local/mail-sink.sh COMMAND [DIR]      (DIR defaults to <repo>/.local/mail)
#   up       create a venv in DIR/venv and pip install aiosmtpd into it if missing, make a throw-away CA and a
#            server certificate (DNS:localhost, IP:127.0.0.1) in DIR/tls, start the sink in the background, wait
#            until both ports answer, write and print DIR/env (KEY=value lines). Idempotent.
#   down     stop the sink (by pid file)
#   status   say whether the sink runs
#   env      print DIR/env
#
# Listeners, on 127.0.0.1 only (override by exporting before the first `up`; later runs reuse DIR/ports):
# MAIL_SINK_PORT=2525 (plain SMTP with STARTTLS) and MAIL_SINK_TLS_PORT=2465 (implicit TLS). Both offer AUTH PLAIN
# and LOGIN over TLS for user `sitrep` with the password in DIR/password, and also take mail without a login.
# Every message lands in DIR/mail/*.eml (open one with any mail client, or `less`).
# Needs: python3 with venv (Debian: python3-venv), openssl; pip needs network access on the first `up`.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cmd=${1:-}
dir=${2:-$repo/.local/mail}
mkdir -p "$dir" && dir=$(cd "$dir" && pwd)

usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
log() { printf 'mail-sink: %s\n' "$*" >&2; }
die() { printf 'mail-sink: ERROR: %s\n' "$*" >&2; exit 1; }

MAIL_SINK_PORT=${MAIL_SINK_PORT:-2525}
MAIL_SINK_TLS_PORT=${MAIL_SINK_TLS_PORT:-2465}
MAIL_USER=sitrep

pid_file() { echo "$dir/sink.pid"; }
load_ports() { [ -f "$dir/ports" ] && . "$dir/ports"; return 0; }

running() {
    local pid
    [ -f "$(pid_file)" ] || return 1
    pid=$(cat "$(pid_file)")
    kill -0 "$pid" 2>/dev/null
}

ensure_venv() {
    local v=$dir/venv
    if [ -x "$v/bin/python" ] && "$v/bin/python" -c 'import aiosmtpd' 2>/dev/null; then return 0; fi
    if [ ! -x "$v/bin/pip" ]; then
        log "creating a Python venv in $v"
        rm -rf "$v"
        python3 -m venv "$v" 2>/dev/null ||
            die "python3 -m venv failed: install the venv module (Debian: apt-get install python3-venv)"
    fi
    log "installing aiosmtpd into $v"
    "$v/bin/pip" install -q aiosmtpd || die "pip install aiosmtpd failed (network?)"
}

gen_tls() {
    local t=$dir/tls
    mkdir -p "$t"
    [ -f "$t/ok" ] && return 0
    log "generating a throw-away CA and a server certificate in $t"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$t/ca.key" -out "$t/ca.crt" -days 30 \
        -subj "/CN=sitrep mail sink test CA" -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout "$t/server.key" -out "$t/server.csr" -subj /CN=localhost 2>/dev/null
    printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=CA:FALSE" \
        "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" >"$t/server.ext"
    openssl x509 -req -in "$t/server.csr" -CA "$t/ca.crt" -CAkey "$t/ca.key" -CAcreateserial -days 30 \
        -extfile "$t/server.ext" -out "$t/server.crt" 2>/dev/null
    openssl verify -CAfile "$t/ca.crt" "$t/server.crt" >/dev/null || die "generated server certificate does not verify"
    chmod 600 "$t"/*.key
    touch "$t/ok"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_env() {
    cat >"$dir/env" <<ENV
MAIL_SINK_HOST=127.0.0.1
MAIL_SINK_PORT=$MAIL_SINK_PORT
MAIL_SINK_TLS_PORT=$MAIL_SINK_TLS_PORT
MAIL_SINK_CA=$dir/tls/ca.crt
MAIL_SINK_USER=$MAIL_USER
MAIL_SINK_PASSWORD=$(cat "$dir/password")
MAIL_SINK_DIR=$dir/mail
ENV
    chmod 600 "$dir/env"
}

up() {
    command -v openssl >/dev/null || die "missing openssl; install it: apt-get install openssl"
    command -v python3 >/dev/null || die "missing python3; install it: apt-get install python3 python3-venv"
    mkdir -p "$dir/mail"
    load_ports
    printf 'MAIL_SINK_PORT=%s\nMAIL_SINK_TLS_PORT=%s\n' "$MAIL_SINK_PORT" "$MAIL_SINK_TLS_PORT" >"$dir/ports"
    [ -s "$dir/password" ] || (umask 077 && openssl rand -hex 16 >"$dir/password")
    ensure_venv
    gen_tls
    write_env
    if ! running; then
        for p in "$MAIL_SINK_PORT" "$MAIL_SINK_TLS_PORT"; do
            ! port_open "$p" || die "port $p is taken by another program; export MAIL_SINK_PORT/MAIL_SINK_TLS_PORT"
        done
        log "starting the sink on 127.0.0.1:$MAIL_SINK_PORT (STARTTLS) and :$MAIL_SINK_TLS_PORT (TLS)"
        nohup "$dir/venv/bin/python" "$here/mail-sink.py" 127.0.0.1 "$MAIL_SINK_PORT" "$MAIL_SINK_TLS_PORT" \
            "$dir/tls/server.crt" "$dir/tls/server.key" "$dir/mail" "$MAIL_USER" "$(cat "$dir/password")" \
            >"$dir/sink.log" 2>&1 &
        echo $! >"$(pid_file)"
    fi
    for _ in $(seq 1 100); do
        if port_open "$MAIL_SINK_PORT" && port_open "$MAIL_SINK_TLS_PORT"; then
            log "up; messages land in $dir/mail"
            cat "$dir/env"
            return 0
        fi
        running || die "the sink exited; see $dir/sink.log"
        sleep 0.1
    done
    die "the sink did not open its ports within 10 s; see $dir/sink.log"
}

down() {
    running || { log "not running"; rm -f "$(pid_file)"; return 0; }
    local pid
    pid=$(cat "$(pid_file)")
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$(pid_file)"
    log "stopped"
}

case "$cmd" in
up) up ;;
down) down ;;
status) if running; then log "running (pid $(cat "$(pid_file)"))"; else log "not running"; exit 1; fi ;;
env) cat "$dir/env" ;;
*) usage ;;
esac
