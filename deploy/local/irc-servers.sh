#!/usr/bin/env bash
# Real IRC servers on loopback for local use and integration tests:
#   InspIRCd 3 linked to Atheme services (SASL PLAIN/EXTERNAL, accounts, IRCv3) and ngircd, over TLS.
#
# Usage: deploy/local/irc-servers.sh COMMAND [DIR]        (DIR defaults to <repo>/.local/irc)
#   up                 install the daemons if missing, generate a throw-away CA, certificates and configs, start
#                      everything, wait until it is ready, register the test accounts, verify SASL, write and
#                      print DIR/env (KEY=value lines; `set -a; . DIR/env; set +a` exports them). Idempotent.
#   down               stop all servers (by pid files)
#   status             show which servers run
#   stop-inspircd | start-inspircd | restart-inspircd     (start/restart wait until Atheme has relinked)
#   stop-ngircd   | start-ngircd   | restart-ngircd
#   stop-atheme   | start-atheme   | restart-atheme
#   env                print DIR/env
#
# Ports (all on 127.0.0.1; override by exporting the variable before the first `up`):
#   INSPIRCD_TLS_PORT=6697 INSPIRCD_PLAIN_PORT=6667 IRC_UNTRUSTED_CERT_PORT=6699 (InspIRCd, certificate not signed
#   by the CA) ATHEME_LINK_PORT=7000 NGIRCD_TLS_PORT=6698 NGIRCD_PLAIN_PORT=6668.
# Accounts: bot `sitrep` (random password in DIR/bot-password, client certificate DIR/tls/bot-client.crt registered
# for SASL EXTERNAL) and users alice bob carol dave with the password in USER_PASSWORD.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cmd=${1:-}
dir=${2:-$repo/.local/irc}

usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
log() { printf 'irc-servers: %s\n' "$*" >&2; }
die() { printf 'irc-servers: ERROR: %s\n' "$*" >&2; exit 1; }

INSPIRCD_TLS_PORT=${INSPIRCD_TLS_PORT:-6697}
INSPIRCD_PLAIN_PORT=${INSPIRCD_PLAIN_PORT:-6667}
IRC_UNTRUSTED_CERT_PORT=${IRC_UNTRUSTED_CERT_PORT:-6699}
ATHEME_LINK_PORT=${ATHEME_LINK_PORT:-7000}
NGIRCD_TLS_PORT=${NGIRCD_TLS_PORT:-6698}
NGIRCD_PLAIN_PORT=${NGIRCD_PLAIN_PORT:-6668}
BOT_ACCOUNT=sitrep
USER_ACCOUNTS="alice bob carol dave"
USER_PASSWORD=correct-horse-battery
LINK_PASSWORD=sitrep-local-link

# After the first `up`, the ports recorded in DIR/ports win, so restarts reuse them.
load_ports() { [ -f "$dir/ports" ] && . "$dir/ports"; return 0; }

install_missing() {
    local missing=() updated=${APT_UPDATED:-}
    command -v inspircd >/dev/null || missing+=(inspircd)
    command -v atheme-services >/dev/null || missing+=(atheme-services)
    command -v ngircd >/dev/null || missing+=(ngircd)
    command -v openssl >/dev/null || missing+=(openssl)
    command -v python3 >/dev/null || missing+=(python3)
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || die "missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root"
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    [ -n "$updated" ] || apt-get update -qq
    # Keep Debian from auto-starting the freshly installed daemons on their default ports.
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
        rm -f /usr/sbin/policy-rc.d
        die "apt-get install ${missing[*]} failed"
    fi
    rm -f /usr/sbin/policy-rc.d
}

gen_tls() {
    local t=$dir/tls
    mkdir -p "$t"
    [ -f "$t/ok" ] && return 0
    log "generating CA, certificates and DH parameters in $t"
    local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
    openssl req -x509 "${ec[@]}" -keyout "$t/ca.key" -out "$t/ca.crt" -days 30 -subj "/CN=sitrep test CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req "${ec[@]}" -keyout "$t/server.key" -out "$t/server.csr" -subj /CN=localhost 2>/dev/null
    printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=CA:FALSE" \
        "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" >"$t/server.ext"
    openssl x509 -req -in "$t/server.csr" -CA "$t/ca.crt" -CAkey "$t/ca.key" -CAcreateserial -days 30 \
        -extfile "$t/server.ext" -out "$t/server.crt" 2>/dev/null
    # An unrelated CA: verifying the real servers against it must fail.
    openssl req -x509 "${ec[@]}" -keyout "$t/other-ca.key" -out "$t/other-ca.crt" -days 30 \
        -subj "/CN=unrelated test CA" -addext "basicConstraints=critical,CA:TRUE" 2>/dev/null
    # A self-signed server certificate (right name, wrong issuer) served on IRC_UNTRUSTED_CERT_PORT.
    openssl req -x509 "${ec[@]}" -keyout "$t/untrusted.key" -out "$t/untrusted.crt" -days 30 -subj /CN=localhost \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
    openssl req -x509 "${ec[@]}" -keyout "$t/bot-client.key" -out "$t/bot-client.crt" -days 30 \
        -subj /CN=sitrep-bot 2>/dev/null
    openssl dhparam -out "$t/dh.pem" 1024 2>/dev/null
    openssl verify -CAfile "$t/ca.crt" "$t/server.crt" >/dev/null || die "generated server certificate does not verify"
    chmod 600 "$t"/*.key
    touch "$t/ok"
}

# sha256 of the DER certificate, lower-case hex: the form InspIRCd's sslinfo (hash="sha256") reports to Atheme.
bot_fingerprint() {
    openssl x509 -in "$dir/tls/bot-client.crt" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr 'A-F' 'a-f'
}

gen_inspircd_conf() {
    local t=$dir/tls i=$dir/inspircd
    mkdir -p "$i"
    cat >"$i/inspircd.conf" <<CONF
<config format="xml">
<server name="irc.test.local" description="sitrep local test server" network="SitrepTest">
<admin name="sitrep" nick="sitrep" email="root@localhost">
<module name="ssl_gnutls">
<sslprofile name="main" provider="gnutls" certfile="$t/server.crt" keyfile="$t/server.key" dhfile="$t/dh.pem" hash="sha256" requestclientcert="yes">
<sslprofile name="untrusted" provider="gnutls" certfile="$t/untrusted.crt" keyfile="$t/untrusted.key" dhfile="$t/dh.pem" hash="sha256" requestclientcert="yes">
<bind address="127.0.0.1" port="$INSPIRCD_TLS_PORT" type="clients" sslprofile="main">
<bind address="127.0.0.1" port="$IRC_UNTRUSTED_CERT_PORT" type="clients" sslprofile="untrusted">
<bind address="127.0.0.1" port="$INSPIRCD_PLAIN_PORT" type="clients">
<bind address="127.0.0.1" port="$ATHEME_LINK_PORT" type="servers">
<link name="services.test.local" ipaddr="127.0.0.1" port="$ATHEME_LINK_PORT" allowmask="127.0.0.1" sendpass="$LINK_PASSWORD" recvpass="$LINK_PASSWORD">
<uline server="services.test.local" silent="yes">
# The real flood protection: a burst of 10 lines, then 1 line/s with fakelag, killed past an 8 KB recvq.
<connect name="main" allow="*" timeout="20" pingfreq="120" hardsendq="1M" softsendq="8192" recvq="8K" threshold="10" commandrate="1000" fakelag="on" localmax="500" globalmax="500" maxchans="100" useident="no" resolvehostnames="no">
<pid file="$i/inspircd.pid">
<log method="file" type="* -USERINPUT -USEROUTPUT" level="default" target="$i/ircd.log">
<dns server="127.0.0.1" timeout="1">
<options prefixquit="Quit: " syntaxhints="yes" announcets="yes" hostintopic="yes" pingwarning="15" splitwhois="no" exemptchanops="">
<security hideserver="" userstats="Pu" customversion="" flatlinks="no" hidesplits="no" hideulines="no" hidebans="no" maxtargets="20">
<performance softlimit="1024" somaxconn="128" netbuffersize="10240" clonesonconnect="no" quietbursts="yes">
<module name="cap"><module name="ircv3"><module name="ircv3_accounttag"><module name="ircv3_batch">
<module name="ircv3_capnotify"><module name="ircv3_chghost"><module name="ircv3_ctctags"><module name="ircv3_echomessage">
<module name="ircv3_invitenotify"><module name="ircv3_labeledresponse"><module name="ircv3_msgid">
<module name="ircv3_servertime"><module name="namesx"><module name="uhnames"><module name="setname"><module name="monitor">
<module name="sslinfo"><module name="services_account"><module name="botmode"><module name="svshold">
<module name="chanhistory"><chanhistory maxlines="50" notice="no" bots="yes">
<module name="sasl"><sasl target="services.test.local" requiressl="no">
<module name="spanningtree">
CONF
}

gen_atheme_conf() {
    local a=$dir/atheme example=${ATHEME_EXAMPLE_CONF:-/usr/share/doc/atheme-services/examples/atheme.conf.example}
    mkdir -p "$a/data"
    if [ -f "$example" ]; then
        cp "$example" "$a/atheme.conf.example"
    elif [ -f "$example.gz" ]; then
        zcat "$example.gz" >"$a/atheme.conf.example"
    elif [ ! -s "$a/atheme.conf.example" ]; then
        # Slim images (dpkg path-exclude /usr/share/doc) drop the example: take it from the package itself.
        log "atheme example config missing; extracting it from the atheme-services package"
        local tmp member
        tmp=$(mktemp -d)
        chmod 755 "$tmp"  # readable by apt's sandbox user
        (cd "$tmp" && apt-get download -qq atheme-services >/dev/null) || die "apt-get download atheme-services failed"
        member=$(dpkg-deb --fsys-tarfile "$tmp"/atheme-services_*.deb | tar -t | grep 'examples/atheme.conf.example' | head -n 1)
        [ -n "$member" ] || die "atheme.conf.example not found in the atheme-services package"
        dpkg-deb --fsys-tarfile "$tmp"/atheme-services_*.deb | tar -xO "$member" >"$a/atheme.conf.example.part"
        case $member in *.gz) gunzip -c "$a/atheme.conf.example.part" >"$a/atheme.conf.example" ;;
            *) mv "$a/atheme.conf.example.part" "$a/atheme.conf.example" ;; esac
        rm -rf "$tmp" "$a/atheme.conf.example.part"
    fi
    python3 - "$a/atheme.conf.example" "$a/atheme.conf" "$ATHEME_LINK_PORT" "$LINK_PASSWORD" <<'PY'
import re, sys
src, dst, port, pw = sys.argv[1:]
s = open(src).read()
def sub(pattern, repl, flags=0):
    global s
    s, n = re.subn(pattern, repl, s, count=1, flags=flags)
    if n != 1:
        sys.exit(f"atheme.conf: pattern not found: {pattern}")
sub(r'(?m)^\s*#?\s*loadmodule "modules/protocol/[a-z0-9]*";', 'loadmodule "modules/protocol/inspircd";')
sub(r'loadmodule "modules/nickserv/main";', 'loadmodule "modules/nickserv/main";\nloadmodule "modules/nickserv/cert";')
sub(r'loadmodule "modules/saslserv/main";', 'loadmodule "modules/saslserv/main";\nloadmodule "modules/saslserv/external";')
sub(r'name = "services\.int";', 'name = "services.test.local";')
sub(r'uplink "irc6\.example\.net" \{.*?\};', '', re.S)
sub(r'uplink "irc\.example\.net" \{', 'uplink "irc.test.local" {')
sub(r'send_password = "mypassword";', f'send_password = "{pw}";')
sub(r'receive_password = "theirpassword";', f'receive_password = "{pw}";')
sub(r'(uplink "irc\.test\.local" \{.*?port = )6667;', rf'\g<1>{port};', re.S)
sub(r'netname = "misconfigured network";', 'netname = "SitrepTest";')
sub(r'adminemail = "misconfigured@admin\.tld";', 'adminemail = "root@localhost";')
sub(r'recontime = 10;', 'recontime = 1;')            # relink within a second after an ircd restart
sub(r'maxusers = 5;', 'maxusers = 0;')               # any number of test accounts per e-mail address
sub(r'maxlogins = 5;', 'maxlogins = 100;')           # parallel tests log in as one account many times at once
sub(r'ratelimit_uses = 5;', 'ratelimit_uses = 1000;')  # REGISTER throttling
sub(r'flood_msgs = 7;', 'flood_msgs = 0;')           # tests talk to services quickly
# No XML-RPC web server: it would listen on 0.0.0.0:8080, where sitrep's own status page goes.
sub(r'(?m)^loadmodule "modules/misc/httpd";', '#loadmodule "modules/misc/httpd";')
sub(r'(?m)^loadmodule "modules/transport/xmlrpc";', '#loadmodule "modules/transport/xmlrpc";')
open(dst, "w").write(s)
PY
}

gen_ngircd_conf() {
    local t=$dir/tls n=$dir/ngircd
    mkdir -p "$n"
    cat >"$n/ngircd.conf" <<CONF
[Global]
 Name = irc2.test.local
 Info = sitrep local test server
 Listen = 127.0.0.1
 Ports = $NGIRCD_PLAIN_PORT
[Limits]
 MaxConnectionsIP = 0
 MaxNickLength = 20
[Options]
 DNS = no
 Ident = no
 PAM = no
[SSL]
 CertFile = $t/server.crt
 KeyFile = $t/server.key
 DHFile = $t/dh.pem
 Ports = $NGIRCD_TLS_PORT
CONF
}

# pid_of NAME: prints the pid if DIR/NAME.pid names a live process of that program; removes a stale pid file.
pid_of() {
    local f=$dir/$1.pid pid
    [ -f "$f" ] || return 1
    pid=$(cat "$f")
    if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$2"; then
        echo "$pid"
        return 0
    fi
    rm -f "$f"
    return 1
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# wait_port PORT NAME: until something listens on PORT; fails at once when daemon NAME has exited.
wait_port() {
    local i
    for i in $(seq 100); do
        port_free "$1" || return 0
        pid_of "$2" "$(prog_of "$2")" >/dev/null || die "$2 exited; see $dir/$2/out.log: $(tail -n 3 "$dir/$2/out.log")"
        sleep 0.1
    done
    die "nothing listens on 127.0.0.1:$1 after 10 s; see the logs in $dir/$2"
}

# daemon_cmd NAME: sets the array `argv` to the daemon's command line (in the foreground).
daemon_cmd() {
    case $1 in
        inspircd)
            argv=(inspircd --nofork "--config=$dir/inspircd/inspircd.conf")
            if [ "$(id -u)" = 0 ]; then argv+=(--runasroot); fi
            ;;
        atheme) argv=(atheme-services -n -c "$dir/atheme/atheme.conf" -D "$dir/atheme/data"
            -l "$dir/atheme/atheme.log" -p "$dir/atheme/atheme-own.pid") ;;
        ngircd) argv=(ngircd -n -f "$dir/ngircd/ngircd.conf") ;;
    esac
}
prog_of() { case $1 in inspircd) echo inspircd ;; atheme) echo atheme-services ;; ngircd) echo ngircd ;; esac; }

start_one() {
    local name=$1 pid
    if pid=$(pid_of "$name" "$(prog_of "$name")"); then
        log "$name already running (pid $pid)"
        return 0
    fi
    case $name in
        inspircd) for p in $INSPIRCD_TLS_PORT $INSPIRCD_PLAIN_PORT $IRC_UNTRUSTED_CERT_PORT $ATHEME_LINK_PORT; do
                port_free "$p" || die "127.0.0.1:$p is taken by another process (ss -ltnp); stop it or export other ports"
            done ;;
        ngircd) for p in $NGIRCD_TLS_PORT $NGIRCD_PLAIN_PORT; do
                port_free "$p" || die "127.0.0.1:$p is taken by another process (ss -ltnp); stop it or export other ports"
            done ;;
    esac
    mkdir -p "$dir/$name/run"
    local argv
    daemon_cmd "$name"
    # InspIRCd dumps core on SIGTERM: no core files, and a scratch working directory anyway.
    # setsid: the daemons outlive this script and the caller's process group.
    # Inherited descriptors (a caller's output pipe) are closed so the caller sees EOF when this script ends.
    (
        cd "$dir/$name/run"
        ulimit -c 0
        for fd in /proc/$BASHPID/fd/*; do
            fd=${fd##*/}
            if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        exec setsid "${argv[@]}"
    ) >>"$dir/$name/out.log" 2>&1 </dev/null &
    echo $! >"$dir/$name.pid"
    log "started $name (pid $!)"
}

stop_one() {
    local name=$1 pid i
    pid=$(pid_of "$name" "$(prog_of "$name")") || { log "$name not running"; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    rm -f "$dir/$name.pid"
    log "stopped $name"
}

helper() { python3 "$here/irc-check.py" "$@"; }

wait_inspircd() {
    wait_port "$INSPIRCD_TLS_PORT" inspircd
    helper wait-services --port "$INSPIRCD_TLS_PORT" --ca "$dir/tls/ca.crt" --timeout 30
}
wait_ngircd() {
    wait_port "$NGIRCD_TLS_PORT" ngircd
    helper wait-tls --port "$NGIRCD_TLS_PORT" --ca "$dir/tls/ca.crt" --timeout 10
}

write_env() {
    local t=$dir/tls
    cat >"$dir/env.tmp" <<ENV
SITREP_IRC_DIR=$dir
IRC_HOST=127.0.0.1
IRC_TLS_SERVER_NAME=localhost
INSPIRCD_TLS_PORT=$INSPIRCD_TLS_PORT
INSPIRCD_PLAIN_PORT=$INSPIRCD_PLAIN_PORT
INSPIRCD_SERVER_NAME=irc.test.local
IRC_UNTRUSTED_CERT_PORT=$IRC_UNTRUSTED_CERT_PORT
ATHEME_LINK_PORT=$ATHEME_LINK_PORT
NGIRCD_TLS_PORT=$NGIRCD_TLS_PORT
NGIRCD_PLAIN_PORT=$NGIRCD_PLAIN_PORT
NGIRCD_SERVER_NAME=irc2.test.local
IRC_CA_FILE=$t/ca.crt
OTHER_CA_FILE=$t/other-ca.crt
BOT_CLIENT_CERT=$t/bot-client.crt
BOT_CLIENT_KEY=$t/bot-client.key
BOT_CLIENT_CERT_FINGERPRINT=$(bot_fingerprint)
BOT_ACCOUNT=$BOT_ACCOUNT
BOT_PASSWORD=$(cat "$dir/bot-password")
USER_ACCOUNTS="$USER_ACCOUNTS"
USER_PASSWORD=$USER_PASSWORD
IRC_SERVER_CONTROL=$here/irc-servers.sh
ENV
    mv "$dir/env.tmp" "$dir/env"
    chmod 600 "$dir/env"
}

cmd_up() {
    local t0=$SECONDS
    install_missing
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    load_ports
    printf '%s\n' "INSPIRCD_TLS_PORT=$INSPIRCD_TLS_PORT" "INSPIRCD_PLAIN_PORT=$INSPIRCD_PLAIN_PORT" \
        "IRC_UNTRUSTED_CERT_PORT=$IRC_UNTRUSTED_CERT_PORT" "ATHEME_LINK_PORT=$ATHEME_LINK_PORT" \
        "NGIRCD_TLS_PORT=$NGIRCD_TLS_PORT" "NGIRCD_PLAIN_PORT=$NGIRCD_PLAIN_PORT" >"$dir/ports"
    gen_tls
    [ -s "$dir/bot-password" ] || { openssl rand -hex 16 >"$dir/bot-password"; chmod 600 "$dir/bot-password"; }
    gen_inspircd_conf
    gen_atheme_conf
    gen_ngircd_conf
    start_one inspircd
    start_one ngircd
    wait_port "$ATHEME_LINK_PORT" inspircd
    start_one atheme
    wait_inspircd
    wait_ngircd
    helper setup-accounts --port "$INSPIRCD_TLS_PORT" --ca "$dir/tls/ca.crt" \
        --bot "$BOT_ACCOUNT" --bot-password "$(cat "$dir/bot-password")" \
        --cert "$dir/tls/bot-client.crt" --key "$dir/tls/bot-client.key" --fingerprint "$(bot_fingerprint)" \
        --users "$USER_ACCOUNTS" --user-password "$USER_PASSWORD"
    helper verify --port "$INSPIRCD_TLS_PORT" --ca "$dir/tls/ca.crt" --other-ca "$dir/tls/other-ca.crt" \
        --untrusted-port "$IRC_UNTRUSTED_CERT_PORT" --ngircd-port "$NGIRCD_TLS_PORT" \
        --bot "$BOT_ACCOUNT" --bot-password "$(cat "$dir/bot-password")" \
        --cert "$dir/tls/bot-client.crt" --key "$dir/tls/bot-client.key"
    write_env
    log "ready in $((SECONDS - t0)) s; env in $dir/env"
    cat "$dir/env"
}

existing_dir() {
    [ -d "$dir" ] || die "$dir does not exist; run: $0 up"
    dir=$(cd "$dir" && pwd)
    load_ports
}

case $cmd in
    up) cmd_up ;;
    down) existing_dir; stop_one atheme; stop_one ngircd; stop_one inspircd ;;
    status)
        existing_dir
        for n in inspircd atheme ngircd; do
            if pid=$(pid_of $n "$(prog_of $n)"); then echo "$n running (pid $pid)"; else echo "$n stopped"; fi
        done ;;
    env) existing_dir; cat "$dir/env" ;;
    stop-inspircd | stop-ngircd | stop-atheme) existing_dir; stop_one "${cmd#stop-}" ;;
    start-inspircd) existing_dir; start_one inspircd; wait_inspircd ;;
    start-ngircd) existing_dir; start_one ngircd; wait_ngircd ;;
    start-atheme) existing_dir; start_one atheme; wait_inspircd ;;
    restart-inspircd) existing_dir; stop_one inspircd; start_one inspircd; wait_inspircd ;;
    restart-ngircd) existing_dir; stop_one ngircd; start_one ngircd; wait_ngircd ;;
    restart-atheme) existing_dir; stop_one atheme; start_one atheme; wait_inspircd ;;
    *) usage ;;
esac
