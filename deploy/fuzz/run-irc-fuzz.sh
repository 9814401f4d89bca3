#!/usr/bin/env bash
# Fuzzes the IRC codec (framer, parser, serializer, splitter, …) with libFuzzer + AddressSanitizer.
#
# Usage: deploy/fuzz/run-irc-fuzz.sh [seconds]   (default 60)
# Exits non-zero when libFuzzer finds a crash; the reproducer is written to .build-fuzz/artifacts/.
# Reproduce with: .build-fuzz/fuzz-irc .build-fuzz/artifacts/crash-…
set -euo pipefail

seconds="${1:-60}"
cd "$(dirname "$0")/../.."
scratch=.build-fuzz
flags=(-c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address)

# The entry point lives in a library target: an SPM executable would rename `main` and fail to link with libFuzzer.
swift build "${flags[@]}" --target IRCFuzz
bin="$(swift build "${flags[@]}" --show-bin-path)"
objects=()
for module in IRCFuzz IRC SitrepCore; do
    objects+=("$bin/$module.build"/*.o)
done
# gold warns once per ASan helper symbol ("Cannot export local symbol"); keep every other line of its output.
link_log="$scratch/link.log"
if ! swiftc -sanitize=fuzzer,address "${objects[@]}" -o "$scratch/fuzz-irc" >"$link_log" 2>&1; then
    cat "$link_log" >&2
    exit 1
fi
grep -v "Cannot export local symbol" "$link_log" >&2 || true

corpus="$(mktemp -d "${TMPDIR:-/tmp}/irc-fuzz-corpus.XXXXXX")"
trap 'rm -rf "$corpus"' EXIT
seed=0
while IFS= read -r line; do
    seed=$((seed + 1))
    printf '%b' "$line" > "$corpus/seed-$seed"
done <<'SEEDS'
CAP * LS * :multi-prefix extended-join account-notify batch invite-notify tls\r\nCAP * LS :sasl=PLAIN,EXTERNAL server-time\r\n
:irc.test.local 005 sitrep AWAYLEN=200 CASEMAPPING=rfc1459 CHANTYPES=# NICKLEN=30 PREFIX=(qaohv)~&@%+ :are supported by this server\r\n
@time=2026-11-22T18:00:00.123Z;account=alice :alice!a@h PRIVMSG #c :hi\r\n
@batch=1;msgid=abc\\:def\\s\\\\x\\ :irc.test.local BATCH +1 chathistory #c\r\n:irc.test.local BATCH :-1\r\n
:irc.test.local 433 * sitrep :Nickname is already in use\r\nAUTHENTICATE +\r\n
PING :irc.test.local\nPRIVMSG #ops :\x01ACTION waves\x01\r\n
:alice!a@h PRIVMSG #ops :\x02!esc\x0304,12alate\x0f \xf0\x9f\x9a\xa8 now\xc3\r\n
:NickServ!NickServ@services. NOTICE sitrep :This nickname is registered.\r\n:alice!a@h JOIN #ops alice :Alice\r\n
2026-11-22T18:00:00.123Z
AHNpdHJlcABodW50ZXIy
SEEDS

dictionary="$corpus.dict"
trap 'rm -rf "$corpus" "$dictionary"' EXIT
printf '%s\n' '"\x0D\x0A"' '"@"' '" :"' '";"' '"="' '"\\s"' '"\\:"' '"\\\\"' '"!"' '"PRIVMSG"' '"CAP"' \
    '"\x01"' '"\x03"' '"\xf0\x9f\x9a\xa8"' > "$dictionary"

mkdir -p "$scratch/artifacts"
# The Swift runtime backtracer would read memory behind ASan's back on a crash; let libFuzzer report it.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" "$scratch/fuzz-irc" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
    -dict="$dictionary" -artifact_prefix="$scratch/artifacts/" "$corpus"
