#!/usr/bin/env python3
"""Readiness checks, account setup and SASL verification for deploy/local/irc-servers.sh.

Subcommands:
  wait-tls        wait until a port completes a TLS handshake verified against --ca
  wait-services   wait until InspIRCd accepts verified TLS clients and Atheme's NickServ is linked
  setup-accounts  register the bot and user accounts with NickServ (idempotent) and add the bot's cert fingerprint
  verify          SASL PLAIN (bot password) and EXTERNAL (bot client certificate) succeed; certificate checks
Standard library only; prints a clear message and exits non-zero on failure.
"""
import argparse
import base64
import concurrent.futures
import socket
import ssl
import sys
import time

HOST = "127.0.0.1"


class Failure(Exception):
    pass


def tls_context(ca, cert=None, key=None):
    ctx = ssl.create_default_context(cafile=ca)
    if cert:
        ctx.load_cert_chain(cert, key)
    return ctx


class Client:
    """A minimal line-based IRC client over verified TLS."""

    def __init__(self, port, ca, cert=None, key=None, timeout=15):
        raw = socket.create_connection((HOST, port), timeout=timeout)
        self.sock = tls_context(ca, cert, key).wrap_socket(raw, server_hostname="localhost")
        self.buf = b""
        self.seen = []
        self.deadline_s = timeout

    def send(self, line):
        self.sock.sendall(line.encode() + b"\r\n")

    def lines(self):
        while True:
            while b"\r\n" in self.buf or b"\n" in self.buf:
                sep = b"\r\n" if b"\r\n" in self.buf else b"\n"
                line, self.buf = self.buf.split(sep, 1)
                text = line.decode("utf-8", "replace")
                self.seen.append(text)
                if text.startswith("PING"):
                    self.send("PONG" + text[4:])
                    continue
                yield text
            chunk = self.sock.recv(4096)
            if not chunk:
                raise Failure("server closed the connection; last lines:\n  " + "\n  ".join(self.seen[-10:]))
            self.buf += chunk

    def wait(self, predicate, what, timeout=None):
        end = time.monotonic() + (timeout or self.deadline_s)
        self.sock.settimeout(max(0.1, end - time.monotonic()))
        try:
            for line in self.lines():
                words = line.split(" ")
                if line.startswith(":") and len(words) > 1 and words[1] in ("432", "433", "465", "ERROR"):
                    raise Failure(f"while waiting for {what}: {line}")
                if line.startswith("ERROR"):
                    raise Failure(f"while waiting for {what}: {line}")
                if predicate(line, words):
                    return line
                if time.monotonic() > end:
                    break
                self.sock.settimeout(max(0.1, end - time.monotonic()))
        except socket.timeout:
            pass
        raise Failure(f"timed out waiting for {what}; last lines:\n  " + "\n  ".join(self.seen[-10:]))

    def register(self, nick, sasl=None):
        """Registers with NICK/USER; sasl = ("PLAIN", account, password) or ("EXTERNAL",)."""
        if sasl:
            self.send("CAP LS 302")
        self.send(f"NICK {nick}")
        self.send(f"USER {nick} 0 * :{nick}")
        if sasl:
            self.send("CAP REQ :sasl")
            self.wait(lambda l, w: len(w) > 3 and w[1] == "CAP" and w[3] in ("ACK", "NAK"), "CAP ACK sasl")
            self.send(f"AUTHENTICATE {sasl[0]}")
            self.wait(lambda l, w: w[0] == "AUTHENTICATE" and w[-1].lstrip(":") == "+", "AUTHENTICATE +")
            if sasl[0] == "PLAIN":
                self.send("AUTHENTICATE " + base64.b64encode(f"{sasl[1]}\0{sasl[1]}\0{sasl[2]}".encode()).decode())
            else:
                self.send("AUTHENTICATE +")
            result = self.wait(lambda l, w: len(w) > 1 and w[1] in ("903", "904", "905", "906", "908"),
                               f"SASL {sasl[0]} result")
            if result.split(" ")[1] != "903":
                raise Failure(f"SASL {sasl[0]} failed: {result}")
            self.send("CAP END")
        self.wait(lambda l, w: len(w) > 1 and w[1] == "001", "001 welcome")

    def nickserv(self, text, expect, what):
        self.send(f"PRIVMSG NickServ :{text}")
        return self.wait(lambda l, w: len(w) > 3 and w[0].lower().startswith(":nickserv!") and w[1] == "NOTICE"
                         and any(e in l for e in expect), what)

    def quit(self):
        try:
            self.send("QUIT :done")
            self.sock.close()
        except OSError:
            pass


def retry_until(deadline, what, attempt):
    last = None
    while time.monotonic() < deadline:
        try:
            return attempt()
        except (OSError, Failure) as e:
            last = e
            time.sleep(0.2)
    raise Failure(f"{what} not ready: {last}")


def cmd_wait_tls(a):
    def attempt():
        Client(a.port, a.ca, timeout=3).sock.close()
    retry_until(time.monotonic() + a.timeout, f"TLS on 127.0.0.1:{a.port}", attempt)


def cmd_wait_services(a):
    def attempt():
        c = Client(a.port, a.ca, timeout=5)
        try:
            c.register(f"probe{int(time.time() * 1000) % 100000}")
            c.send("WHOIS NickServ")
            line = c.wait(lambda l, w: len(w) > 1 and w[1] in ("311", "401"), "WHOIS NickServ")
            if line.split(" ")[1] != "311":
                raise Failure("NickServ is not on the network yet (Atheme not linked)")
        finally:
            c.quit()
    retry_until(time.monotonic() + a.timeout, "Atheme services link", attempt)


def ensure_account(a, account, password, cert=None, key=None, fingerprint=None):
    c = Client(a.port, a.ca, cert, key)
    try:
        c.register(account)
        reply = c.nickserv(f"REGISTER {password} {account}@example.invalid",
                           ["is now registered", "already registered", "already logged in", "too many", "may not", "cannot", "Invalid", "Insufficient"], f"REGISTER {account}")
        # "already logged in": Atheme identified the bot by its certificate fingerprint on connect.
        if "is now registered" not in reply and "already logged in" not in reply:
            if "already registered" not in reply:
                raise Failure(f"NickServ REGISTER {account}: {reply}")
            reply = c.nickserv(f"IDENTIFY {password}", ["identified", "Invalid", "incorrect"], f"IDENTIFY {account}")
            if "identified" not in reply:
                raise Failure(f"{account} is registered with another password (delete the Atheme db): {reply}")
        if fingerprint:
            reply = c.nickserv(f"CERT ADD {fingerprint}", ["ingerprint"], f"CERT ADD for {account}")
            if "Added" not in reply and "already on your" not in reply:
                raise Failure(f"NickServ CERT ADD: {reply}")
        print(f"irc-check: account {account} ready", file=sys.stderr)
    finally:
        c.quit()


def run_parallel(jobs):
    """Runs the callables concurrently (each IRC registration takes up to a second) and re-raises a failure."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        for future in [pool.submit(job) for job in jobs]:
            future.result()


def cmd_setup_accounts(a):
    jobs = [lambda: ensure_account(a, a.bot, a.bot_password, a.cert, a.key, a.fingerprint)]
    jobs += [lambda user=user: ensure_account(a, user, a.user_password) for user in a.users.split()]
    run_parallel(jobs)


def sasl_login(a, nick, mechanism):
    if mechanism == "PLAIN":
        c = Client(a.port, a.ca)
        c.register(nick, ("PLAIN", a.bot, a.bot_password))
    else:
        c = Client(a.port, a.ca, a.cert, a.key)
        c.register(nick, ("EXTERNAL",))
    c.quit()


def cmd_verify(a):
    run_parallel([lambda: sasl_login(a, "verifyplain", "PLAIN"), lambda: sasl_login(a, "verifyext", "EXTERNAL")])
    Client(a.ngircd_port, a.ca, timeout=5).sock.close()
    for port, ca, label in ((a.port, a.other_ca, "real server vs OTHER_CA_FILE"),
                            (a.untrusted_port, a.ca, "untrusted-cert port vs IRC_CA_FILE")):
        try:
            Client(port, ca, timeout=5).sock.close()
        except ssl.SSLCertVerificationError:
            continue
        raise Failure(f"certificate verification unexpectedly succeeded: {label}")
    print("irc-check: SASL PLAIN and EXTERNAL succeed; untrusted certificates are refused", file=sys.stderr)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("wait-tls", "wait-services", "setup-accounts", "verify"):
        s = sub.add_parser(name)
        s.add_argument("--port", type=int, required=True)
        s.add_argument("--ca", required=True)
        s.add_argument("--timeout", type=float, default=20)
        if name in ("setup-accounts", "verify"):
            for opt in ("--bot", "--bot-password", "--cert", "--key"):
                s.add_argument(opt, required=True)
        if name == "setup-accounts":
            for opt in ("--fingerprint", "--users", "--user-password"):
                s.add_argument(opt, required=True)
        if name == "verify":
            s.add_argument("--other-ca", required=True)
            s.add_argument("--untrusted-port", type=int, required=True)
            s.add_argument("--ngircd-port", type=int, required=True)
    a = p.parse_args()
    try:
        {"wait-tls": cmd_wait_tls, "wait-services": cmd_wait_services,
         "setup-accounts": cmd_setup_accounts, "verify": cmd_verify}[a.cmd](a)
    except (Failure, OSError) as e:
        print(f"irc-check {a.cmd}: FAILED: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
