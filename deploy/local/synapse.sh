#!/usr/bin/env bash
# A real Matrix homeserver (Synapse, SQLite) on loopback for local use and integration tests.
#
# Usage: deploy/local/synapse.sh COMMAND [DIR]        (DIR defaults to <repo>/.local/synapse)
#   up       create a venv in DIR/venv and pip install matrix-synapse into it if missing (or use the venv in
#            SYNAPSE_VENV), make a throw-away CA and a server certificate, write the homeserver config, start
#            Synapse in the background, wait until it answers, register the test users, lift the rate limit of
#            the bot, write and print DIR/env (KEY=value lines; `set -a; . DIR/env; set +a` exports them).
#            Idempotent: re-running `up` reuses everything and only starts what is not running.
#   down     stop Synapse (by pid file), gracefully, then by force after 15 s
#   status   say whether Synapse runs and answers
#   env      print DIR/env
#
# Listeners, both on 127.0.0.1 only (override by exporting before `up`): SYNAPSE_PLAIN_PORT=8008 (HTTP) and
# SYNAPSE_TLS_PORT=8448 (HTTPS; certificate for DNS:localhost and IP:127.0.0.1, signed by DIR/tls/ca.crt).
# Server name `localhost`; no federation, no open registration.
# Users: bot `sitrep` (no message rate limit), alice bob carol dave (the default Synapse message rate limit: a burst
# of 10 events, then 0.2/s; state changes, invites and createRoom count too; except carol, who has no limit either:
# the whole-bot tests run a second bot as carol), and `failover`, as whom the two-instance failover test runs its
# bot (no limit either), all with the password in USER_PASSWORD; `admin` (server admin) with the same.
# Login, join, invite and room-creation limits are raised so tests can log in and make rooms freely.
# Needs: python3 with venv (Debian: python3-venv), openssl, curl; pip needs network access on the first `up`.
#
# Encrypting profile (opt-in, for the end-to-end encryption tests; run it in its own DIR on its own ports):
#   SYNAPSE_ENCRYPT_BY_DEFAULT=all|invite   writes `encryption_enabled_by_default_for_room_type: VALUE`, so every
#            new room (or every new private room) is end-to-end encrypted, as on many public homeservers, and makes
#            DIR/nio-venv: Debian's python3-olm (apt-get install python3-olm) under /usr/bin/python3 plus matrix-nio
#            from PyPI, the independent encrypting "human" client deploy/local/e2ee_human.py runs on. On this
#            profile alice and bob have no message rate limit either (the tests on it are not about 429s). DIR/env
#            then also holds SITREP_MATRIX_ENCRYPT_BY_DEFAULT and SITREP_MATRIX_HUMAN_PYTHON. Recorded at the first
#            `up` (DIR/ports), like the ports. Example, as CI runs it:
#            SYNAPSE_ENCRYPT_BY_DEFAULT=all SYNAPSE_PLAIN_PORT=8018 SYNAPSE_TLS_PORT=8458 \
#                deploy/local/synapse.sh up .local/synapse-e2ee
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cmd=${1:-}
dir=${2:-$repo/.local/synapse}

usage() { sed -n '2,33p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
log() { printf 'synapse: %s\n' "$*" >&2; }
die() { printf 'synapse: ERROR: %s\n' "$*" >&2; exit 1; }

SYNAPSE_PLAIN_PORT=${SYNAPSE_PLAIN_PORT:-8008}
SYNAPSE_TLS_PORT=${SYNAPSE_TLS_PORT:-8448}
SERVER_NAME=localhost
BOT_USER=sitrep
ADMIN_USER=admin
TEST_USERS="alice bob carol dave"
# Bots of the test suites that run beside the others (no rate limit, not a person of the quick start).
EXTRA_BOTS="failover"
USER_PASSWORD=correct-horse-battery
SYNAPSE_VERSION_SPEC=${SYNAPSE_VERSION_SPEC:-matrix-synapse}
SYNAPSE_ENCRYPT_BY_DEFAULT=${SYNAPSE_ENCRYPT_BY_DEFAULT:-}
# The human client's matrix-nio: 0.25 is the last line whose end-to-end encryption runs on python-olm (libolm);
# later ones need vodozemac's Python binding.
NIO_VERSION_SPEC=${NIO_VERSION_SPEC:-matrix-nio==0.25.2}

pid_file() { echo "$dir/homeserver.pid"; }
plain_url() { echo "http://127.0.0.1:$SYNAPSE_PLAIN_PORT"; }
tls_url() { echo "https://127.0.0.1:$SYNAPSE_TLS_PORT"; }

# After the first `up`, the ports recorded in DIR/ports win, so restarts reuse them.
load_ports() { [ -f "$dir/ports" ] && . "$dir/ports"; return 0; }

venv_dir() { echo "${SYNAPSE_VENV:-$dir/venv}"; }

ensure_tools() {
    local missing=()
    command -v python3 >/dev/null || missing+=(python3)
    command -v openssl >/dev/null || missing+=(openssl)
    command -v curl >/dev/null || missing+=(curl)
    [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}; install them: apt-get install ${missing[*]}"
}

ensure_venv() {
    local v
    v=$(venv_dir)
    if [ -x "$v/bin/python" ] && "$v/bin/python" -c 'import synapse' 2>/dev/null; then return 0; fi
    [ -z "${SYNAPSE_VENV:-}" ] || die "SYNAPSE_VENV=$v has no Synapse; unset it to let this script make its own venv"
    if [ ! -x "$v/bin/pip" ]; then
        log "creating a Python venv in $v"
        rm -rf "$v"
        python3 -m venv "$v" 2>/dev/null ||
            die "python3 -m venv failed: install the venv module (Debian: apt-get install python3-venv)"
    fi
    log "installing $SYNAPSE_VERSION_SPEC into $v (about 40 s and 240 MB the first time)"
    "$v/bin/pip" install -q --upgrade pip >/dev/null || die "pip upgrade failed (network?)"
    "$v/bin/pip" install -q "$SYNAPSE_VERSION_SPEC" || die "pip install $SYNAPSE_VERSION_SPEC failed (network?)"
}

encrypting() { [ -n "$SYNAPSE_ENCRYPT_BY_DEFAULT" ]; }

check_encrypt_setting() {
    case $SYNAPSE_ENCRYPT_BY_DEFAULT in
    "" | all | invite) ;;
    *) die "SYNAPSE_ENCRYPT_BY_DEFAULT=$SYNAPSE_ENCRYPT_BY_DEFAULT: use all, invite or leave it unset" ;;
    esac
}

# The encrypting human client's venv: Debian's python3 sees Debian's python3-olm (libolm's own binding) through
# --system-site-packages; matrix-nio and its end-to-end extras (pure Python) come from PyPI, without the e2e extra's
# python-olm, which Debian's package provides.
nio_python() { echo "$dir/nio-venv/bin/python"; }

ensure_nio_venv() {
    local v=$dir/nio-venv
    if [ -x "$v/bin/python" ] && "$v/bin/python" -c 'from nio.crypto import ENCRYPTION_ENABLED as e; assert e' \
        2>/dev/null; then return 0; fi
    [ -x /usr/bin/python3 ] || die "the human client needs Debian's python3 (apt-get install python3 python3-venv)"
    /usr/bin/python3 -c 'import olm' 2>/dev/null ||
        die "the human client needs libolm's Python binding: apt-get install python3-olm"
    log "creating the human client's venv in $v ($NIO_VERSION_SPEC on Debian's python3-olm; about 20 s)"
    rm -rf "$v"
    /usr/bin/python3 -m venv --system-site-packages "$v" ||
        die "python3 -m venv failed: install the venv module (Debian: apt-get install python3-venv)"
    "$v/bin/pip" install -q "$NIO_VERSION_SPEC" "atomicwrites~=1.4" "cachetools~=5.3" "peewee~=3.14" ||
        die "pip install $NIO_VERSION_SPEC failed (network?)"
    "$v/bin/python" -c 'from nio.crypto import ENCRYPTION_ENABLED as e; assert e' ||
        die "matrix-nio in $v has no end-to-end encryption (python3-olm not seen?)"
}

gen_tls() {
    local t=$dir/tls
    mkdir -p "$t"
    [ -f "$t/ok" ] && return 0
    log "generating a throw-away CA and a server certificate in $t"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$t/ca.key" -out "$t/ca.crt" -days 30 \
        -subj "/CN=sitrep Matrix test CA" -addext "basicConstraints=critical,CA:TRUE" \
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

secret() { openssl rand -hex 24; }

gen_config() {
    [ -f "$dir/homeserver.yaml" ] && return 0
    log "writing $dir/homeserver.yaml"
    mkdir -p "$dir/media_store"
    cat >"$dir/log.yaml" <<CONF
version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s'
handlers:
  file:
    class: logging.FileHandler
    formatter: precise
    filename: $dir/homeserver.log
    encoding: utf8
loggers:
  synapse.storage.SQL:
    level: WARNING
root:
  level: INFO
  handlers: [file]
disable_existing_loggers: false
CONF
    cat >"$dir/homeserver.yaml" <<CONF
# Generated by deploy/local/synapse.sh: a throw-away homeserver for local tests. Do not expose it.
server_name: "$SERVER_NAME"
public_baseurl: "$(tls_url)/"
listeners:
  - port: $SYNAPSE_PLAIN_PORT
    bind_addresses: ["127.0.0.1"]
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
  - port: $SYNAPSE_TLS_PORT
    bind_addresses: ["127.0.0.1"]
    type: http
    tls: true
    resources:
      - names: [client]
        compress: false
tls_certificate_path: "$dir/tls/server.crt"
tls_private_key_path: "$dir/tls/server.key"
database:
  name: sqlite3
  args:
    database: "$dir/homeserver.db"
log_config: "$dir/log.yaml"
media_store_path: "$dir/media_store"
signing_key_path: "$dir/$SERVER_NAME.signing.key"
registration_shared_secret: "$(secret)"
macaroon_secret_key: "$(secret)"
form_secret: "$(secret)"
report_stats: false
enable_registration: false
trusted_key_servers: []
suppress_key_server_warning: true
federation_domain_whitelist: []
presence:
  enabled: false
# Cheap password hashing: logins in tests take milliseconds, not a third of a second.
bcrypt_rounds: 4
# Tests log in, create rooms, invite and join often from 127.0.0.1: raise those limits. The message limit
# (rc_message) keeps Synapse's default so a flood from an ordinary user meets a real 429.
rc_login:
  address: {per_second: 100, burst_count: 1000}
  account: {per_second: 100, burst_count: 1000}
  failed_attempts: {per_second: 100, burst_count: 1000}
rc_joins:
  local: {per_second: 100, burst_count: 1000}
  remote: {per_second: 100, burst_count: 1000}
rc_invites:
  per_room: {per_second: 100, burst_count: 1000}
  per_user: {per_second: 100, burst_count: 1000}
  per_issuer: {per_second: 100, burst_count: 1000}
rc_room_creation: {per_second: 100, burst_count: 1000}
CONF
    if encrypting; then
        printf '%s\n' "# Every new room ($SYNAPSE_ENCRYPT_BY_DEFAULT) is end-to-end encrypted (SYNAPSE_ENCRYPT_BY_DEFAULT)." \
            "encryption_enabled_by_default_for_room_type: $SYNAPSE_ENCRYPT_BY_DEFAULT" >>"$dir/homeserver.yaml"
    fi
    printf 'SYNAPSE_PLAIN_PORT=%s\nSYNAPSE_TLS_PORT=%s\nSYNAPSE_ENCRYPT_BY_DEFAULT=%s\n' "$SYNAPSE_PLAIN_PORT" \
        "$SYNAPSE_TLS_PORT" "$SYNAPSE_ENCRYPT_BY_DEFAULT" >"$dir/ports"
    "$(venv_dir)/bin/python" -m synapse.app.homeserver -c "$dir/homeserver.yaml" --generate-keys >/dev/null ||
        die "generating the signing key failed"
}

running() {
    local pid
    [ -f "$(pid_file)" ] || return 1
    pid=$(cat "$(pid_file)")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

answers() {
    curl -fsS -o /dev/null --max-time 2 "$(plain_url)/_matrix/client/versions" 2>/dev/null &&
        curl -fsS -o /dev/null --max-time 2 --cacert "$dir/tls/ca.crt" "$(tls_url)/_matrix/client/versions" 2>/dev/null
}

start() {
    if running; then
        log "already running (pid $(cat "$(pid_file)"))"
    else
        log "starting Synapse (log: $dir/homeserver.log)"
        # nohup execs Python, so $! is Synapse's own pid.
        (cd "$dir" || exit 1; nohup "$(venv_dir)/bin/python" -m synapse.app.homeserver -c "$dir/homeserver.yaml" \
            >>"$dir/stdout.log" 2>&1 </dev/null & echo $! >"$(pid_file)")
    fi
    local started=$SECONDS
    until answers; do
        running || die "Synapse exited during start; see $dir/homeserver.log and $dir/stdout.log"
        [ $((SECONDS - started)) -lt 60 ] || die "Synapse did not answer within 60 s; see $dir/homeserver.log"
        sleep 0.2
    done
    log "answering on $(plain_url) and $(tls_url) after $((SECONDS - started)) s"
}

# Registers a user through the shared-secret admin API (what register_new_matrix_user does, without its 7 s of
# Python start-up per user); an existing user is fine (re-running `up`).
register() {
    local user=$1 admin=$2 secret nonce kind mac out code
    secret=$(sed -n 's/^registration_shared_secret: "\(.*\)"$/\1/p' "$dir/homeserver.yaml")
    [ -n "$secret" ] || die "no registration_shared_secret in $dir/homeserver.yaml"
    nonce=$(curl -fsS --max-time 10 "$(plain_url)/_synapse/admin/v1/register" | json_field nonce) ||
        die "getting a registration nonce failed"
    kind=notadmin
    [ "$admin" = true ] && kind=admin
    mac=$(printf '%s\0%s\0%s\0%s' "$nonce" "$user" "$USER_PASSWORD" "$kind" | openssl dgst -sha1 -hmac "$secret" |
        sed 's/^.*= //')
    out=$(curl -sS --max-time 10 -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' \
        -d "{\"nonce\":\"$nonce\",\"username\":\"$user\",\"password\":\"$USER_PASSWORD\",\"admin\":$admin,\"mac\":\"$mac\"}" \
        "$(plain_url)/_synapse/admin/v1/register")
    code=${out##*$'\n'}
    if [ "$code" = 200 ]; then
        log "registered @$user:$SERVER_NAME"
    elif grep -q M_USER_IN_USE <<<"$out"; then
        return 0
    else
        die "registering $user failed (HTTP $code): ${out%$'\n'*}"
    fi
}

json_field() { "$(venv_dir)/bin/python" -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

login_token() {
    curl -fsS --max-time 10 -X POST "$(plain_url)/_matrix/client/v3/login" -H 'Content-Type: application/json' \
        -d "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"$1\"},\"password\":\"$USER_PASSWORD\",\"device_id\":\"DEPLOYSCRIPT\"}" |
        json_field access_token
}

# The bots send bursts of replies and pages; lift their message rate limit (and only theirs): the bot's, carol's,
# as whom the whole-bot Matrix tests run a second bot, and the extra test bots'; on the encrypting profile alice's
# and bob's too.
lift_bot_ratelimit() {
    local token user unlimited="$BOT_USER carol $EXTRA_BOTS"
    encrypting && unlimited="$unlimited alice bob"
    token=$(login_token "$ADMIN_USER") || die "admin login failed"
    for user in $unlimited; do
        curl -fsS --max-time 10 -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d '{"messages_per_second":0,"burst_count":0}' \
            "$(plain_url)/_synapse/admin/v1/users/@$user:$SERVER_NAME/override_ratelimit" >/dev/null ||
            die "lifting the rate limit of @$user:$SERVER_NAME failed"
    done
    curl -fsS --max-time 10 -X POST -H "Authorization: Bearer $token" "$(plain_url)/_matrix/client/v3/logout" \
        >/dev/null || true
}

write_env() {
    cat >"$dir/env" <<ENV
SITREP_MATRIX_URL=$(tls_url)
SITREP_MATRIX_PLAIN_URL=$(plain_url)
SITREP_MATRIX_CA=$dir/tls/ca.crt
SITREP_MATRIX_SERVER_NAME=$SERVER_NAME
SITREP_MATRIX_BOT_USER=$BOT_USER
SITREP_MATRIX_ADMIN_USER=$ADMIN_USER
SITREP_MATRIX_USERS="$TEST_USERS"
SITREP_MATRIX_PASSWORD=$USER_PASSWORD
ENV
    if encrypting; then
        printf 'SITREP_MATRIX_ENCRYPT_BY_DEFAULT=%s\nSITREP_MATRIX_HUMAN_PYTHON=%s\n' "$SYNAPSE_ENCRYPT_BY_DEFAULT" \
            "$(nio_python)" >>"$dir/env"
    fi
}

up() {
    ensure_tools
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    load_ports
    check_encrypt_setting
    ensure_venv
    if encrypting; then ensure_nio_venv; fi
    gen_tls
    gen_config
    start
    register "$ADMIN_USER" true
    local user
    for user in $BOT_USER $TEST_USERS $EXTRA_BOTS; do register "$user" false; done
    lift_bot_ratelimit
    write_env
    cat "$dir/env"
}

down() {
    load_ports
    if ! running; then
        log "not running"
        rm -f "$(pid_file)"
        return 0
    fi
    local pid started=$SECONDS
    pid=$(cat "$(pid_file)")
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do
        if [ $((SECONDS - started)) -ge 15 ]; then
            log "still running after 15 s; killing pid $pid"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        sleep 0.2
    done
    rm -f "$(pid_file)"
    log "stopped (pid $pid)"
}

status() {
    load_ports
    if running && answers; then
        echo "synapse: running (pid $(cat "$(pid_file)")), answering on $(plain_url) and $(tls_url)"
    elif running; then
        echo "synapse: running (pid $(cat "$(pid_file)")) but not answering"
        return 1
    else
        echo "synapse: not running"
        return 3
    fi
}

case $cmd in
up) up ;;
down) down ;;
status) status ;;
env) cat "$dir/env" ;;
*) usage ;;
esac
