#!/usr/bin/env bash
# A newcomer's first incident, scripted: Debian's irssi in tmux connects to the local InspIRCd exactly as the README
# recommends (the name localhost, TLS verified against .local/irc/tls/ca.crt, SASL PLAIN as alice), declares an
# incident in a channel with `!declare`, joins the incident channel it is invited to, runs the incident with the
# README's `!cmd` forms (and one `/say /cmd`, the other form the README gives for irssi), and closes it. Then the
# store must hold what was typed, under alice's account, and the incident must be closed; the bot's replies must
# have reached irssi. Runs in about 20 s.
#
# Needs the IRC servers up (deploy/local/irc-servers.sh up; reads .local/irc/env), irssi and tmux, and a built
# sitrep. Usage: deploy/local/irssi-session.sh [path/to/sitrep]   (default: the debug build)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
for tool in irssi tmux; do
    command -v "$tool" >/dev/null || { echo "irssi-session: $tool is not installed (apt-get install irssi tmux)" >&2; exit 1; }
done
[ -f .local/irc/env ] || { echo "irssi-session: no .local/irc/env: start the servers (deploy/local/irc-servers.sh up)" >&2; exit 1; }
set -a
# shellcheck disable=SC1091
. .local/irc/env
set +a
sitrep=${1:-$(swift build --show-bin-path)/sitrep}
[ -x "$sitrep" ] || { echo "irssi-session: no sitrep binary at $sitrep (swift build first)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-irssi.XXXXXX")
socket=sitrep-irssi-$$
sitrep_pid=""
cleanup() {
    local rc=$?
    tmux -L "$socket" kill-server 2>/dev/null || true
    if [ -n "$sitrep_pid" ]; then kill "$sitrep_pid" 2>/dev/null || true; wait "$sitrep_pid" 2>/dev/null || true; fi
    if [ "$rc" -ne 0 ]; then
        echo "irssi-session: FAILED; the irssi screen and the bot's log follow (kept in $work)" >&2
        cat "$work/screen.txt" >&2 2>/dev/null || true
        tail -n 40 "$work/sitrep.log" >&2 2>/dev/null || true
    else
        rm -rf "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT

# Channels of their own, so a rerun or another suite's leftovers never meet this session.
tag=$(date +%s | tail -c 6)
ops="#irssi-ops-$tag"
# Logged in to the account alice (SASL) under a nick of its own, so another client on that account never clashes.
nick="alice$tag"
prefix="#irssi-$tag-"
cat >"$work/sitrep.yaml" <<EOF
irc:
  host: $IRC_HOST
  port: $INSPIRCD_TLS_PORT
  tls: { enabled: true, ca_file: $IRC_CA_FILE }
  nick: sitrep
  sasl: { mechanism: plain, account: $BOT_ACCOUNT, password_env: IRSSI_SESSION_BOT_PASSWORD, required: true }
  channels: ["$ops"]
  pacing: { burst: 10, lines_per_second: 5 }
store:
  sqlite: { path: $work/sitrep.sqlite }
incidents:
  channel_prefix: "$prefix"
people:
  commanders: [alice]
EOF
IRSSI_SESSION_BOT_PASSWORD=$BOT_PASSWORD "$sitrep" run --config "$work/sitrep.yaml" >"$work/sitrep.log" 2>&1 &
sitrep_pid=$!

# irssi with a fresh home; the commands below are the README's, with this server's port.
mkdir -p "$work/irssi"
# No config file: irssi writes its default one (with its default aliases, /say among them).
TERM=xterm tmux -L "$socket" new-session -d -s irssi -x 220 -y 60 "irssi --home=$work/irssi -n $nick"

type_line() { tmux -L "$socket" send-keys -t irssi -l "$1"; tmux -L "$socket" send-keys -t irssi Enter; }
screen() { tmux -L "$socket" capture-pane -p -J -S -300 -t irssi >"$work/screen.txt"; cat "$work/screen.txt"; }
# Waits up to $2 seconds (default 15) for the active irssi window to show a line matching the regex $1.
wait_for() {
    local deadline=$((SECONDS + ${2:-15}))
    until screen | grep -Eq -- "$1"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "irssi-session: no line matching /$1/ within ${2:-15} s" >&2
            return 1
        fi
        sleep 0.2
    done
}

wait_for 'Irssi v1\.' 10
# No status window: server notices (the invitation) show in the channel window the script watches.
type_line "/set use_status_window off"
type_line "/network add -nick $nick -sasl_mechanism PLAIN -sasl_username alice -sasl_password $USER_PASSWORD local"
type_line "/server add -tls -tls_verify -tls_cafile $IRC_CA_FILE -network local localhost $INSPIRCD_TLS_PORT"
type_line "/connect local"
wait_for 'SASL authentication succeeded' 15
wait_for "You are now logged in as alice" 10
# Registered (the server's welcome is over) before joining: irssi refuses commands until then.
wait_for "Mode change \[\+i\] for user $nick" 10
type_line "/join $ops"
wait_for "sitrep.* has joined $ops|\[.?sitrep\]|sitrep\b.*$ops" 20 || {
    # The bot may have joined first: then it is in the names list irssi printed.
    wait_for '[@ ]sitrep\b' 5
}

type_line "!declare sev2 Checkout returns 500s"
wait_for "$nick: incident [0-9]+ declared \(SEV2\); join ${prefix}[0-9]+" 15
id=$(screen | grep -Eo "$nick: incident [0-9]+ declared" | tail -1 | sed 's/.*incident //; s/ declared//')
channel="${prefix}${id}"
wait_for "sitrep.* invites you to $channel" 15
type_line "/join $channel"
wait_for "Topic for $channel: \[SEV2" 10

type_line "!ack"
wait_for "acknowledged by $nick" 10
type_line "!lead"
wait_for "$nick now leads" 10
type_line "!note rolled back deploy 512"
wait_for "note recorded" 10
type_line "/say /update checkout degraded while we roll back"
wait_for "update posted" 10
type_line "!resolve error rate back to normal"
wait_for "!cause" 10
type_line "!cause migration in 512 locked the orders table"
wait_for "root cause recorded" 10
type_line "!close"
wait_for "-> closed by $nick" 10
type_line "!status $id"
wait_for "INC-$id \[SEV2\] Checkout returns 500s — closed" 10

# The store has the incident closed and the transcript as typed, under alice's account.
"$sitrep" export --config "$work/sitrep.yaml" --format json "$id" >"$work/export.json"
python3 - "$work/export.json" "$nick" <<'PY'
import json, sys
export = json.load(open(sys.argv[1]))
nick = sys.argv[2]
incident = export["incident"]
assert incident["state"] == "closed", incident["state"]
assert incident.get("root_cause", incident.get("rootCause")) == "migration in 512 locked the orders table", incident
lines = [(e.get("author"), e.get("account"), e.get("text")) for e in export["entries"]]
for typed in ["!ack", "!note rolled back deploy 512", "/update checkout degraded while we roll back", "!close"]:
    assert (nick, "alice", typed) in lines, f"{typed!r} not recorded as {nick}'s (account alice): {lines[-15:]}"
assert any(author == "sitrep" for author, _, _ in lines), "no bot reply recorded"
print(f"irssi-session: incident {incident['id']} declared, run and closed from irssi; {len(lines)} timeline entries")
PY
