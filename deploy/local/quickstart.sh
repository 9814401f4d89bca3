#!/usr/bin/env bash
# Quick start: a local TLS IRC network (InspIRCd + Atheme services, ngircd) on 127.0.0.1 and sitrep connected to
# it, in the foreground. Point any IRC client at 127.0.0.1:6697 (TLS; the certificate is signed by the throw-away
# CA in .local/irc/ca.crt) or 127.0.0.1:6667 (plain), join #ops and type !help. Ctrl-C stops the bot (it says
# QUIT); `deploy/local/irc-servers.sh down` stops the servers. The status page is at http://127.0.0.1:8080/; the
# internal views and the alert hooks take the token in .local/web-token (made here on the first run).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
deploy/local/irc-servers.sh up >/dev/null
if [ ! -s .local/web-token ]; then
    (umask 077 && openssl rand -hex 24 >.local/web-token)
fi
echo "quickstart: IRC servers are up (InspIRCd TLS 127.0.0.1:6697, plain 6667); status page on http://127.0.0.1:8080/ (token in .local/web-token); building sitrep…" >&2
swift build --product sitrep
exec "$(swift build --show-bin-path)/sitrep" run --config deploy/local/sitrep.local.yaml
