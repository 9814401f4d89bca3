#!/usr/bin/env bash
# Captures the fixtures in this folder from a real Synapse started by deploy/local/synapse.sh (see README.md).
# Usage: Tests/MatrixTests/Fixtures/capture.sh [SYNAPSE_DIR]      (default <repo>/.local/synapse)
# Every response is saved as pretty JSON with access and refresh tokens replaced by "REDACTED".
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
synapse_dir=${1:-$repo/.local/synapse}
# shellcheck disable=SC1091
. "$synapse_dir/env"
base=$SITREP_MATRIX_URL
ca=$SITREP_MATRIX_CA
hs=$SITREP_MATRIX_SERVER_NAME
pw=$SITREP_MATRIX_PASSWORD
out=$here
notes=$here/capture-notes.txt
: >"$notes"

note() { printf '%s\n' "$*" | tee -a "$notes" >&2; }

# Pretty-prints stdin JSON with tokens redacted into $out/$1.json.
save() {
    python3 -c '
import json, sys
def scrub(v):
    if isinstance(v, dict):
        return {k: ("REDACTED" if k in ("access_token", "refresh_token") else scrub(x)) for k, x in v.items()}
    if isinstance(v, list):
        return [scrub(x) for x in v]
    return v
json.dump(scrub(json.load(sys.stdin)), open(sys.argv[1], "w"), indent=2, sort_keys=True, ensure_ascii=False)
open(sys.argv[1], "a").write("\n")
' "$out/$1.json"
}

field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# call METHOD PATH TOKEN [BODY] -> prints the body; the HTTP status goes to $status.
status_file=$(mktemp)
trap 'rm -f "$status_file"' EXIT
call() {
    local method=$1 path=$2 token=$3 body=${4:-}
    local args=(-sS --cacert "$ca" -X "$method" -o - -w '%{http_code}' -H 'Content-Type: application/json')
    [ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
    [ -n "$body" ] && args+=(-d "$body")
    local resp
    resp=$(curl "${args[@]}" "$base$path")
    printf '%s' "${resp: -3}" >"$status_file"
    printf '%s' "${resp:0:${#resp}-3}"
}
status() { cat "$status_file"; }
expect() { [ "$(status)" = "$1" ] || { note "expected HTTP $1, got $(status) for $2"; exit 1; }; }

login() {
    local user=$1
    call POST /_matrix/client/v3/login "" \
        "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"$user\"},\"password\":\"$pw\",\"device_id\":\"FIXTURE${user^^}\",\"initial_device_display_name\":\"fixture capture\"}"
}

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
txn=0
send() { # send TOKEN ROOM TYPE BODY
    txn=$((txn + 1))
    call PUT "/_matrix/client/v3/rooms/$(enc "$2")/send/$3/fixture-$txn-$RANDOM" "$1" "$4"
}
state() { # state TOKEN ROOM TYPE BODY [STATE_KEY]
    call PUT "/_matrix/client/v3/rooms/$(enc "$2")/state/$3/${5:-}" "$1" "$4"
}

# --- logins -------------------------------------------------------------------------------------------------
start=$(date +%s%N)
resp=$(login sitrep); expect 200 login
note "login sitrep: $(( ($(date +%s%N) - start) / 1000000 )) ms"
save login <<<"$resp"
bot=$(field access_token <<<"$resp")
alice=$(login alice | field access_token)
bob=$(login bob | field access_token)
carol=$(login carol | field access_token)
dave=$(login dave | field access_token)

# alice makes many events quickly (state changes and invites count against rc_message too): lift her limit for the
# capture, and restore it at the end.
admin=$(login "$SITREP_MATRIX_ADMIN_USER" | field access_token)
alice_limit=/_synapse/admin/v1/users/$(enc "@alice:$hs")/override_ratelimit
call POST "$alice_limit" "$admin" '{"messages_per_second":0,"burst_count":0}' >/dev/null; expect 200 "lift alice's limit"
trap 'rm -f "$status_file"; call DELETE "$alice_limit" "$admin" >/dev/null || true' EXIT

call POST /_matrix/client/v3/login "" \
    '{"type":"m.login.password","identifier":{"type":"m.id.user","user":"sitrep"},"password":"wrong"}' |
    save error-login-forbidden
note "wrong password: HTTP $(status)"
call GET /_matrix/client/v3/account/whoami "not-a-token" | save error-unknown-token
note "bad token: HTTP $(status)"

call GET /_matrix/client/v3/account/whoami "$bot" | save whoami; expect 200 whoami
call GET /_matrix/client/v3/joined_rooms "$bot" | save joined-rooms-empty

filter='{"account_data":{"not_types":["*"]},"presence":{"not_types":["*"]},"room":{"account_data":{"not_types":["*"]},"ephemeral":{"types":["m.receipt"]},"timeline":{"limit":100}}}'
resp=$(call POST "/_matrix/client/v3/user/$(enc "@sitrep:$hs")/filter" "$bot" "$filter"); expect 200 filter
save filter-created <<<"$resp"
filter_id=$(field filter_id <<<"$resp")
call GET "/_matrix/client/v3/user/$(enc "@sitrep:$hs")/filter/$filter_id" "$bot" | save filter-get

# --- an incident room, made by alice, the bot invited ------------------------------------------------------
resp=$(call POST /_matrix/client/v3/createRoom "$alice" \
    "{\"name\":\"inc-1: checkout errors\",\"topic\":\"SEV2 investigating\",\"preset\":\"private_chat\",\"invite\":[\"@sitrep:$hs\"]}")
expect 200 createRoom
save create-room <<<"$resp"
room=$(field room_id <<<"$resp")
send "$alice" "$room" m.room.message '{"msgtype":"m.text","body":"before the bot joined"}' >/dev/null

start=$(date +%s%N)
resp=$(call GET "/_matrix/client/v3/sync?filter=$filter_id&timeout=0" "$bot"); expect 200 "initial sync"
note "initial sync: $(( ($(date +%s%N) - start) / 1000000 )) ms"
save sync-initial <<<"$resp"
since=$(field next_batch <<<"$resp")

call POST "/_matrix/client/v3/join/$(enc "$room")" "$bot" '{}' | save join; expect 200 join
call GET /_matrix/client/v3/joined_rooms "$bot" | save joined-rooms

# --- everything a timeline can hold ---------------------------------------------------------------------------
call POST "/_matrix/client/v3/rooms/$(enc "$room")/invite" "$alice" "{\"user_id\":\"@bob:$hs\"}" | save invite
call POST "/_matrix/client/v3/join/$(enc "$room")" "$bob" '{}' >/dev/null
call POST "/_matrix/client/v3/rooms/$(enc "$room")/invite" "$alice" "{\"user_id\":\"@carol:$hs\"}" >/dev/null
call POST "/_matrix/client/v3/join/$(enc "$room")" "$carol" '{}' >/dev/null
call POST "/_matrix/client/v3/rooms/$(enc "$room")/invite" "$alice" "{\"user_id\":\"@dave:$hs\"}" >/dev/null
call POST "/_matrix/client/v3/join/$(enc "$room")" "$dave" '{}' >/dev/null

resp=$(send "$alice" "$room" m.room.message \
    '{"msgtype":"m.text","body":"!ack checkout errors since 10:02","format":"org.matrix.custom.html","formatted_body":"<b>!ack</b> checkout errors since 10:02"}')
save send <<<"$resp"
original=$(field event_id <<<"$resp")
# The same txnId again: Synapse answers with the same event id and posts nothing new.
call PUT "/_matrix/client/v3/rooms/$(enc "$room")/send/m.room.message/fixture-same-txn" "$bot" \
    '{"msgtype":"m.notice","body":"Incident 1 acknowledged by alice."}' | save send-notice
call PUT "/_matrix/client/v3/rooms/$(enc "$room")/send/m.room.message/fixture-same-txn" "$bot" \
    '{"msgtype":"m.notice","body":"Incident 1 acknowledged by alice."}' | save send-notice-retry
send "$bob" "$room" m.room.message '{"msgtype":"m.emote","body":"is looking at the load balancer"}' >/dev/null
send "$alice" "$room" m.room.message "{\"msgtype\":\"m.text\",\"body\":\" * !ack checkout errors since 10:01\",\"m.new_content\":{\"msgtype\":\"m.text\",\"body\":\"!ack checkout errors since 10:01\"},\"m.relates_to\":{\"rel_type\":\"m.replace\",\"event_id\":\"$original\"}}" >/dev/null
resp=$(send "$bob" "$room" m.room.message '{"msgtype":"m.text","body":"my password is hunter2"}')
secret_event=$(field event_id <<<"$resp")
call PUT "/_matrix/client/v3/rooms/$(enc "$room")/redact/$(enc "$secret_event")/fixture-redact-1" "$bob" \
    '{"reason":"pasted a secret"}' | save redact
state "$alice" "$room" m.room.topic '{"topic":"SEV1 mitigated: rolled back checkout 4.2"}' | save send-state
state "$alice" "$room" m.room.name '{"name":"inc-1: checkout errors (SEV1)"}' >/dev/null
resp=$(call GET "/_matrix/client/v3/rooms/$(enc "$room")/state/m.room.power_levels/" "$alice")
save power-levels <<<"$resp"
levels=$(python3 -c 'import json,sys; p=json.load(sys.stdin); p.setdefault("users",{})[sys.argv[1]]=50; print(json.dumps(p))' \
    "@bob:$hs" <<<"$resp")
state "$alice" "$room" m.room.power_levels "$levels" >/dev/null
call POST "/_matrix/client/v3/rooms/$(enc "$room")/kick" "$alice" "{\"user_id\":\"@carol:$hs\",\"reason\":\"wrong room\"}" |
    save kick
call POST "/_matrix/client/v3/rooms/$(enc "$room")/leave" "$bob" '{}' | save leave
send "$alice" "$room" m.room.message '{"msgtype":"m.text","body":"Grüße 👋 — unicode survives"}' >/dev/null

# --- an encrypted room: m.room.encryption state and an m.room.encrypted event (real shape, fake ciphertext) ---
resp=$(call POST /_matrix/client/v3/createRoom "$alice" \
    "{\"name\":\"secret ops\",\"preset\":\"private_chat\",\"invite\":[\"@sitrep:$hs\"],\"initial_state\":[{\"type\":\"m.room.encryption\",\"state_key\":\"\",\"content\":{\"algorithm\":\"m.megolm.v1.aes-sha2\"}}]}")
encrypted_room=$(field room_id <<<"$resp")
call POST "/_matrix/client/v3/join/$(enc "$encrypted_room")" "$bot" '{}' >/dev/null
send "$alice" "$encrypted_room" m.room.encrypted \
    '{"algorithm":"m.megolm.v1.aes-sha2","ciphertext":"AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg","device_id":"FIXTUREALICE","sender_key":"IlRMeOPX2e0MurIyfWEucYBRVOEEUMrOHqn/8mLqMjA","session_id":"X3lUlvLELLYxeTx4yOVu6UDpasGEVO0Jbu+QFnm0cKQ"}' >/dev/null

# --- a room the bot is kicked from: rooms.leave in its sync ----------------------------------------------------
resp=$(call POST /_matrix/client/v3/createRoom "$alice" "{\"name\":\"short-lived\",\"invite\":[\"@sitrep:$hs\"]}")
gone_room=$(field room_id <<<"$resp")
call POST "/_matrix/client/v3/join/$(enc "$gone_room")" "$bot" '{}' >/dev/null
call POST "/_matrix/client/v3/rooms/$(enc "$gone_room")/kick" "$alice" "{\"user_id\":\"@sitrep:$hs\",\"reason\":\"done here\"}" >/dev/null

# --- an invite still pending for the bot ---------------------------------------------------------------------------
call POST /_matrix/client/v3/createRoom "$carol" "{\"name\":\"carol asks for help\",\"invite\":[\"@sitrep:$hs\"]}" >/dev/null

start=$(date +%s%N)
resp=$(call GET "/_matrix/client/v3/sync?filter=$filter_id&timeout=0&since=$since" "$bot"); expect 200 "incremental sync"
note "incremental sync: $(( ($(date +%s%N) - start) / 1000000 )) ms"
save sync-incremental <<<"$resp"
since=$(field next_batch <<<"$resp")

# --- a limited timeline: a filter with a timeline limit of 3 over an initial sync ---------------------------------
small='{"presence":{"not_types":["*"]},"room":{"ephemeral":{"not_types":["*"]},"timeline":{"limit":3}}}'
small_id=$(call POST "/_matrix/client/v3/user/$(enc "@sitrep:$hs")/filter" "$bot" "$small" | field filter_id)
call GET "/_matrix/client/v3/sync?filter=$small_id&timeout=0" "$bot" | save sync-limited

# --- a real gap: six messages while the bot is away, a sync limited to 3, then /messages back over the other 3 ------
for i in 1 2 3 4 5 6; do
    send "$alice" "$room" m.room.message "{\"msgtype\":\"m.text\",\"body\":\"while away $i\"}" >/dev/null
done
resp=$(call GET "/_matrix/client/v3/sync?filter=$small_id&timeout=0&since=$since" "$bot"); expect 200 "gap sync"
save sync-gap <<<"$resp"
prev_batch=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["rooms"]["join"][sys.argv[1]]["timeline"]["prev_batch"])' \
    "$room" <<<"$resp")
call GET "/_matrix/client/v3/rooms/$(enc "$room")/messages?dir=b&from=$(enc "$prev_batch")&to=$(enc "$since")&limit=50" \
    "$bot" | save messages-gap
expect 200 messages
since=$(field next_batch <<<"$resp")

# --- a long poll that times out with nothing new: the same rooms, an empty answer ---------------------------------
start=$(date +%s%N)
call GET "/_matrix/client/v3/sync?filter=$filter_id&timeout=1000&since=$since" "$bot" | save sync-empty
note "empty long poll with timeout=1000: $(( ($(date +%s%N) - start) / 1000000 )) ms"

# --- 429: dave (default rate limit) sends a burst; the bot (limit lifted) does the same -----------------------------
room_path=$base/_matrix/client/v3/rooms/$(enc "$room")/send/m.room.message
headers=$(mktemp)
sent=0
burst_start=$(date +%s%N)
for i in $(seq 1 40); do
    resp=$(curl -sS --cacert "$ca" -D "$headers" -X PUT -H "Authorization: Bearer $dave" \
        -H 'Content-Type: application/json' -d "{\"msgtype\":\"m.text\",\"body\":\"flood $i\"}" \
        "$room_path/fixture-flood-$i-$RANDOM")
    if head -n 1 "$headers" | grep -q ' 429'; then
        save error-rate-limited <<<"$resp"
        break
    fi
    sent=$i
done
note "dave: HTTP 429 after $sent accepted sends in a burst of $(( ($(date +%s%N) - burst_start) / 1000000 )) ms"
note "429 headers: $(grep -i -E '^(HTTP|retry-after)' "$headers" | tr -d '\r' | tr '\n' ' ')"
rm -f "$headers"
# --- transaction ids are scoped to the device: a new login on the same device id repeats nothing ------------------
txn_id=fixture-scope-$RANDOM
send_scoped() {
    call PUT "/_matrix/client/v3/rooms/$(enc "$room")/send/m.room.message/$txn_id" "$1" \
        '{"msgtype":"m.notice","body":"scope"}' | field event_id
}
first=$(send_scoped "$bot")
again=$(send_scoped "$(login sitrep | field access_token)")
other=$(call POST /_matrix/client/v3/login "" \
    "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"sitrep\"},\"password\":\"$pw\",\"device_id\":\"FIXTUREOTHER\"}" |
    field access_token)
elsewhere=$(send_scoped "$other")
note "same txnId after a new login on the same device: $([ "$first" = "$again" ] && echo 'same event (not posted again)' || echo 'NEW EVENT')"
note "same txnId from another device: $([ "$first" = "$elsewhere" ] && echo 'same event' || echo 'a new event (posted again)')"

bot_ok=0
for i in $(seq 1 40); do
    send "$bot" "$room" m.room.message "{\"msgtype\":\"m.notice\",\"body\":\"bot burst $i\"}" >/dev/null
    [ "$(status)" = 200 ] && bot_ok=$((bot_ok + 1))
done
note "sitrep (override_ratelimit): $bot_ok of 40 burst sends accepted"

# --- read receipts: bob reads the bot's page in their direct-message room --------------------------------------
capture_receipts() {
    local dm page since_dm
    dm=$(call POST /_matrix/client/v3/createRoom "$bot" \
        "{\"preset\":\"trusted_private_chat\",\"is_direct\":true,\"invite\":[\"@bob:$hs\"]}" | field room_id)
    call POST "/_matrix/client/v3/join/$(enc "$dm")" "$bob" '{}' >/dev/null
    page=$(send "$bot" "$dm" m.room.message '{"msgtype":"m.text","body":"INC-1 (sev1) Payments down: you are paged"}' |
        field event_id)
    since_dm=$(call GET "/_matrix/client/v3/sync?filter=$filter_id&timeout=0" "$bot" | field next_batch)
    call POST "/_matrix/client/v3/rooms/$(enc "$dm")/receipt/m.read/$(enc "$page")" "$bob" '{}' >/dev/null
    expect 200 "bob's read receipt"
    call GET "/_matrix/client/v3/sync?filter=$filter_id&timeout=0&since=$since_dm" "$bot" | save sync-receipts
    note "read receipt: bob read the page $page in $dm"
}
capture_receipts
