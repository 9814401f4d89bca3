#!/usr/bin/env bash
# Quick start: a local TLS IRC network (InspIRCd + Atheme services, ngircd) on 127.0.0.1 and sitrep connected to
# it, in the foreground. Point any IRC client at localhost port 6697 (TLS; the certificate is for DNS:localhost,
# signed by the throw-away CA in .local/irc/tls/ca.crt: use the name localhost, irssi does not match an IP address)
# or localhost port 6667 (plain), join #ops and type !help. Ctrl-C stops the bot (it says
# QUIT); `deploy/local/irc-servers.sh down` stops the servers. The status page is at http://127.0.0.1:8080/; the
# internal views and the alert hooks take the token in .local/web-token (made here on the first run).
# A local mail sink (deploy/local/mail-sink.sh: aiosmtpd in a venv in .local/mail) listens on 127.0.0.1:2525
# (STARTTLS) and 2465 (TLS) for page emails; each lands as a file in .local/mail/mail/*.eml, with its acknowledge
# link: people with an email in the config (bob, dave) are mailed a minute after their chat page, at once when they
# are not on IRC. The acknowledge links are signed with the secret in .local/ack-secret (made here on the first run).
#
# Usage: deploy/local/quickstart.sh [--matrix | --both]
#   --matrix  Matrix instead of IRC: start a local Synapse (deploy/local/synapse.sh up: a venv in .local/synapse,
#             matrix-synapse pip-installed on first use; a Synapse that already runs is reused) and no IRC server,
#             and run sitrep on Matrix alone with deploy/local/sitrep.matrix.yaml. Log in with Element to
#             https://127.0.0.1:8448 (trust .local/synapse/tls/ca.crt) or http://127.0.0.1:8008 as alice, bob,
#             carol or dave, invite @sitrep:localhost to a room and type !declare sev2 … there.
#             `deploy/local/synapse.sh down` stops Synapse.
#   --both    the IRC servers and Synapse, and one sitrep on both networks (deploy/local/sitrep.both.yaml).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
irc=true
matrix=false
config=deploy/local/sitrep.local.yaml
for argument in "$@"; do
    case $argument in
    --matrix) irc=false; matrix=true; config=deploy/local/sitrep.matrix.yaml ;;
    --both) irc=true; matrix=true; config=deploy/local/sitrep.both.yaml ;;
    *) echo "usage: $0 [--matrix | --both]" >&2; exit 2 ;;
    esac
done
mkdir -p .local
if [ ! -s .local/web-token ]; then
    (umask 077 && openssl rand -hex 24 >.local/web-token)
fi
if [ ! -s .local/ack-secret ]; then
    (umask 077 && openssl rand -hex 32 >.local/ack-secret)
fi
# The key the Matrix bot's encryption keys are stored under (--matrix, --both).
if [ ! -s .local/matrix-encryption-key ]; then
    (umask 077 && openssl rand -hex 32 >.local/matrix-encryption-key)
fi
deploy/local/mail-sink.sh up >/dev/null
# Exports MAIL_SINK_PASSWORD (the config reads the SMTP password through password_env) and the ports.
set -a
. .local/mail/env
set +a
echo "quickstart: mail sink is up (127.0.0.1:$MAIL_SINK_PORT STARTTLS, $MAIL_SINK_TLS_PORT TLS, CA $MAIL_SINK_CA); page emails land in $MAIL_SINK_DIR" >&2
if [ "$irc" = true ]; then
    deploy/local/irc-servers.sh up >/dev/null
    echo "quickstart: IRC servers are up (InspIRCd TLS localhost:6697 with CA .local/irc/tls/ca.crt, plain 6667)" >&2
fi
if [ "$matrix" = true ]; then
    deploy/local/synapse.sh up >/dev/null
    # Exports SITREP_MATRIX_PASSWORD, the bot's password (the config reads it through password_env).
    set -a
    . .local/synapse/env
    set +a
    echo "quickstart: Synapse is up ($SITREP_MATRIX_URL, CA .local/synapse/tls/ca.crt; plain $SITREP_MATRIX_PLAIN_URL); users alice bob carol dave, password $SITREP_MATRIX_PASSWORD; invite @sitrep:localhost to a room" >&2
fi
echo "quickstart: status page on http://127.0.0.1:8080/ (token in .local/web-token); config $config" >&2
# sitrep links Debian's libolm (Matrix end-to-end encryption).
if [ ! -f /usr/include/olm/olm.h ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "quickstart: installing libolm-dev (Matrix end-to-end encryption)" >&2
        apt-get update -qq && apt-get install -y -qq --no-install-recommends libolm-dev >/dev/null
    else
        echo "quickstart: sitrep needs libolm-dev; run: sudo apt-get install libolm-dev" >&2
        exit 1
    fi
fi
echo "quickstart: building sitrep…" >&2
swift build --product sitrep
exec "$(swift build --show-bin-path)/sitrep" run --config "$config"
