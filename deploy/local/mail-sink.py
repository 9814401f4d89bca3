"""A local SMTP sink for sitrep's quick start and tests (run by deploy/local/mail-sink.sh, not by hand).

Two listeners on 127.0.0.1: PORT speaks plain SMTP and offers STARTTLS, TLS_PORT speaks TLS from the first byte.
Both offer AUTH PLAIN and LOGIN (only over TLS) for USER/PASSWORD, and take mail without it too. Every message is
written as it arrived to MAIL_DIR/<time>-<n>.eml (written to a .tmp name, then renamed, so a reader never sees
half a message), with the envelope in X-Sink-Envelope-* headers on top.
"""
import asyncio
import os
import signal
import ssl
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

host, port, tls_port, cert, key, mail_dir, user, password = sys.argv[1:9]
counter = 0
lock = threading.Lock()


class Sink:
    def __init__(self, implicit_tls):
        self.implicit_tls = implicit_tls

    async def handle_DATA(self, server, session, envelope):
        global counter
        with lock:
            counter += 1
            n = counter
        name = f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}-{n:06d}"
        head = (
            f"X-Sink-Envelope-From: {envelope.mail_from}\r\n"
            f"X-Sink-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
            f"X-Sink-TLS: {'yes' if self.implicit_tls or session.ssl else 'no'}\r\n"
            f"X-Sink-Auth: {session.authenticated and 'yes' or 'no'}\r\n"
        ).encode()
        tmp = os.path.join(mail_dir, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(head + envelope.original_content)
        os.rename(tmp, os.path.join(mail_dir, name + ".eml"))
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode()
    return AuthResult(success=ok, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
common = dict(authenticator=authenticator, auth_required=False, server_hostname="localhost")
starttls = Controller(Sink(False), hostname=host, port=int(port), tls_context=context, require_starttls=False,
                      auth_require_tls=True, **common)
# aiosmtpd counts only STARTTLS as TLS for auth_require_tls; this listener is TLS from the first byte.
implicit = Controller(Sink(True), hostname=host, port=int(tls_port), ssl_context=context, auth_require_tls=False,
                      **common)
starttls.start()
implicit.start()
print(f"mail sink on {host}:{port} (STARTTLS) and {host}:{tls_port} (TLS), writing {mail_dir}", flush=True)
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
signal.signal(signal.SIGINT, lambda *_: stop.set())
while not stop.wait(1):
    pass
starttls.stop()
implicit.stop()
