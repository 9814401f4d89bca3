#!/usr/bin/env bash
# Quick start: a local TLS IRC network (InspIRCd + Atheme services, ngircd) on 127.0.0.1 and sitrep connected to
# it, in the foreground. Point any IRC client at 127.0.0.1:6697 (TLS; the certificate is signed by the throw-away
# CA in .local/irc/ca.crt) or 127.0.0.1:6667 (plain), join #ops and type !help. Ctrl-C stops the bot (it says
# QUIT); `deploy/local/irc-servers.sh down` stops the servers. The status page is at http://127.0.0.1:8080/; the
# internal views and the alert hooks take the token in .local/web-token (made here on the first run).
#
# Usage: deploy/local/quickstart.sh [--matrix]
#   --matrix  also start a local Synapse (deploy/local/synapse.sh up: a venv in .local/synapse, matrix-synapse
#             pip-installed on first use) and run sitrep on IRC and Matrix at once with
#             deploy/local/sitrep.matrix.yaml. Log in to https://127.0.0.1:8448 (trust .local/synapse/tls/ca.crt)
#             or http://127.0.0.1:8008 as alice, bob, carol or dave and invite @sitrep:localhost to a room.
#             `deploy/local/synapse.sh down` stops Synapse. A Synapse that already runs is reused, not restarted.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
config=deploy/local/sitrep.local.yaml
matrix=false
for argument in "$@"; do
    case $argument in
    --matrix) matrix=true ;;
    *) echo "usage: $0 [--matrix]" >&2; exit 2 ;;
    esac
done
deploy/local/irc-servers.sh up >/dev/null
if [ ! -s .local/web-token ]; then
    (umask 077 && openssl rand -hex 24 >.local/web-token)
fi
echo "quickstart: IRC servers are up (InspIRCd TLS 127.0.0.1:6697, plain 6667); status page on http://127.0.0.1:8080/ (token in .local/web-token)" >&2
if [ "$matrix" = true ]; then
    # The config still needs irc:, so the Matrix quick start keeps the IRC servers too: one bot on both networks.
    deploy/local/synapse.sh up >/dev/null
    # Exports SITREP_MATRIX_PASSWORD, the bot's password (sitrep.matrix.yaml reads it through password_env).
    set -a
    . .local/synapse/env
    set +a
    config=deploy/local/sitrep.matrix.yaml
    echo "quickstart: Synapse is up ($SITREP_MATRIX_URL, CA .local/synapse/tls/ca.crt; plain $SITREP_MATRIX_PLAIN_URL); users alice bob carol dave, password $SITREP_MATRIX_PASSWORD; invite @sitrep:localhost" >&2
fi
echo "quickstart: building sitrep…" >&2
swift build --product sitrep
exec "$(swift build --show-bin-path)/sitrep" run --config "$config"
