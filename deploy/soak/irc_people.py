"""Scripted IRC people for the soak (standard library only): each one is a thread that connects over verified
TLS to the local InspIRCd (SASL PLAIN when it has an account), joins its channels, keeps reconnecting whenever the
server drops it (the soak stops and starts the ircd), and hands every line it reads to a handler.

Lines go out through a small token bucket (default: a burst of 4, then 1 line/s), the rate InspIRCd's fakelag
lets a client keep up without being held back or killed for excess flood.
"""
import base64
import collections
import socket
import ssl
import threading
import time

HOST = "127.0.0.1"


class Line:
    """One IRC line, parsed: source nick, command, parameters (the trailing one last)."""

    __slots__ = ("raw", "nick", "command", "params")

    def __init__(self, raw):
        self.raw = raw
        rest = raw
        if rest.startswith("@"):
            rest = rest.split(" ", 1)[1] if " " in rest else ""
        self.nick = ""
        if rest.startswith(":"):
            prefix, _, rest = rest.partition(" ")
            self.nick = prefix[1:].split("!", 1)[0]
        head, sep, trailing = rest.partition(" :")
        words = head.split()
        self.command = words[0].upper() if words else ""
        self.params = words[1:] + ([trailing] if sep else [])

    @property
    def text(self):
        return self.params[-1] if self.params else ""

    @property
    def target(self):
        return self.params[0] if self.params else ""


class Person(threading.Thread):
    """A person (or a flood client) on IRC. `handler(person, line)` runs on this thread for every line read;
    `on_ready(person)` after each registration (once the channels are joined again)."""

    def __init__(self, nick, port, ca, until, account=None, password=None, handler=None, on_ready=None,
                 rate=1.0, burst=4, log=None):
        super().__init__(name=f"irc-{nick}", daemon=True)
        self.wanted_nick = nick
        self.nick = nick
        self.port = port
        self.ca = ca
        self.until = until
        self.account = account
        self.password = password
        self.handler = handler or (lambda person, line: None)
        self.on_ready = on_ready or (lambda person: None)
        self.rate = rate
        self.burst = burst
        self.log = log or (lambda text: None)
        self.lock = threading.Lock()
        self.channels = set()
        self.outbox = collections.deque()
        self.ready = threading.Event()
        self.sock = None
        self.connections = 0
        self.stopping = False

    # -- what the soak calls from other threads

    def join(self, channel):
        with self.lock:
            if channel.lower() in {c.lower() for c in self.channels}:
                return
            self.channels.add(channel)
        if self.ready.is_set():
            self.send_raw(f"JOIN {channel}")

    def say(self, target, text, on_sent=None, max_queue=20):
        """Queues a PRIVMSG; False when not connected or the queue is full (nothing is sent then).
        `on_sent(time)` runs when the line is written to the server."""
        if not self.ready.is_set():
            return False
        with self.lock:
            if len(self.outbox) >= max_queue:
                return False
            self.outbox.append((f"PRIVMSG {target} :{text}", on_sent))
        return True

    def send_raw(self, line):
        with self.lock:
            self.outbox.append((line, None))

    def stop(self):
        self.stopping = True

    # -- the connection loop

    def run(self):
        while not self.stopping and time.monotonic() < self.until:
            try:
                self.session()
            except (OSError, ssl.SSLError, ConnectionError, TimeoutError, ValueError) as error:
                if self.ready.is_set():
                    self.log(f"{self.wanted_nick}: disconnected ({error})")
            finally:
                self.ready.clear()
                with self.lock:
                    self.outbox.clear()
                if self.sock is not None:
                    try:
                        self.sock.close()
                    except OSError:
                        pass
                    self.sock = None
            if not self.stopping:
                time.sleep(0.25)

    def session(self):
        ctx = ssl.create_default_context(cafile=self.ca)
        raw = socket.create_connection((HOST, self.port), timeout=5)
        self.sock = ctx.wrap_socket(raw, server_hostname="localhost")
        self.connections += 1
        buffer = b""
        nick = self.wanted_nick
        self.nick = nick
        direct = [f"NICK {nick}", f"USER {self.wanted_nick} 0 * :soak {self.wanted_nick}"]
        if self.account:
            direct = ["CAP LS 302"] + direct + ["CAP REQ :sasl"]
        for line in direct:
            self.write(line)
        registered_by = time.monotonic() + 20
        tokens = float(self.burst)
        last_refill = time.monotonic()
        self.sock.settimeout(0.05)
        while not self.stopping and time.monotonic() < self.until:
            if not self.ready.is_set() and time.monotonic() > registered_by:
                raise TimeoutError("registration took over 20 s")
            try:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise ConnectionError("server closed the connection")
                buffer += chunk
            except (socket.timeout, ssl.SSLWantReadError):
                pass
            while b"\n" in buffer:
                data, buffer = buffer.split(b"\n", 1)
                text = data.rstrip(b"\r").decode("utf-8", "replace")
                if text:
                    self.receive(Line(text))
            now = time.monotonic()
            tokens = min(float(self.burst), tokens + (now - last_refill) * self.rate)
            last_refill = now
            while tokens >= 1 and self.ready.is_set():
                with self.lock:
                    if not self.outbox:
                        break
                    line, on_sent = self.outbox.popleft()
                self.write(line)
                tokens -= 1
                if on_sent:
                    on_sent(time.monotonic())
        self.write("QUIT :soak over")

    def write(self, line):
        self.sock.sendall(line.encode() + b"\r\n")

    def receive(self, line):
        command = line.command
        if command == "PING":
            self.write("PONG :" + line.text)
            return
        if command == "CAP" and len(line.params) >= 2 and line.params[1] in ("ACK", "NAK"):
            if line.params[1] == "NAK":
                raise ConnectionError("the server refused CAP sasl")
            self.write("AUTHENTICATE PLAIN")
            return
        if command == "AUTHENTICATE" and line.text == "+":
            token = base64.b64encode(f"{self.account}\0{self.account}\0{self.password}".encode()).decode()
            self.write("AUTHENTICATE " + token)
            return
        if command in ("904", "905", "906"):
            raise ConnectionError(f"SASL failed: {line.raw}")
        if command == "903":
            self.write("CAP END")
            return
        if command in ("433", "432") and not self.ready.is_set():
            self.nick = self.nick + "_"
            self.write(f"NICK {self.nick}")
            return
        if command == "001":
            self.nick = line.target or self.nick
            with self.lock:
                channels = sorted(self.channels)
            for start in range(0, len(channels), 20):
                self.write("JOIN " + ",".join(channels[start:start + 20]))
            self.ready.set()
            self.on_ready(self)
        if command == "ERROR":
            raise ConnectionError(line.text)
        try:
            self.handler(self, line)
        except Exception as error:  # a bug in a handler must not look like a lost connection
            self.log(f"{self.wanted_nick}: handler failed on {line.raw!r}: {error!r}")
