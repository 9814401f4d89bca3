"""The two `sitrep run` processes of the soak (an active/standby pair on the PostgreSQL pair and the local
InspIRCd), restarted like systemd's Restart=always would, and read through their web servers."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

TOKEN = "soak-internal-token-0123456789abcdef"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_configs(work, env, pg_hosts, bot_nick, prefix, announce, ops):
    """One config per instance, differing only in failover.instance and the web port; returns {name: port}."""
    with open(os.path.join(work, "bot-password"), "w") as f:
        f.write(env["BOT_PASSWORD"])
    with open(os.path.join(work, "pg-password"), "w") as f:
        f.write(env["SITREP_TEST_POSTGRES_PASSWORD"])
    with open(os.path.join(work, "web-token"), "w") as f:
        f.write(TOKEN)
    hosts = ", ".join(f'"{host}"' for host in pg_hosts)
    ports = {}
    for name in ("a", "b"):
        ports[name] = free_port()
        with open(os.path.join(work, f"{name}.yaml"), "w") as f:
            f.write(f"""# written by deploy/soak/soak.py; defaults everywhere the soak does not need a short delay
irc:
  host: 127.0.0.1
  port: {env["INSPIRCD_TLS_PORT"]}
  tls: {{ enabled: true, ca_file: "{env["IRC_CA_FILE"]}" }}
  nick: {bot_nick}
  sasl: {{ mechanism: plain, account: {env["BOT_ACCOUNT"]}, password_file: bot-password, required: true }}
  channels: ["{ops}"]
logging: {{ level: info }}
store:
  postgres:
    hosts: [{hosts}]
    database: {env["SITREP_TEST_POSTGRES_DATABASE"]}
    user: {env["SITREP_TEST_POSTGRES_USER"]}
    password_file: pg-password
    tls: {{ enabled: true, ca_file: "{env["SITREP_TEST_POSTGRES_CA_FILE"]}" }}
incidents:
  channel_prefix: "{prefix}"
  announce_channel: "{announce}"
people: {{ commanders: [alice], responders: [bob, carol], allow_nick_identities: false }}
escalation:
  policies:
    soak:
      tiers:
        - notify: [bob]
          after: 5s
        - notify: [carol]
          after: 10s
  by_severity: {{ sev1: soak }}
timers:
  sev1: {{ acknowledge: 5s }}
web:
  listen: 127.0.0.1:{ports[name]}
  internal_token_file: web-token
failover:
  instance: {name}
""")
    return ports


class Instance:
    """One `sitrep run` process: started, SIGKILLed and restarted by the soak; `expected_down` tells a kill of
    ours from a crash."""

    def __init__(self, name, binary, work, port):
        self.name = name
        self.binary = binary
        self.work = work
        self.port = port
        self.process = None
        self.log_path = os.path.join(work, f"{name}.log")
        self.expected_down = False
        self.starts = 0

    def start(self):
        log = open(self.log_path, "ab")
        log.write(f"\n===== soak: start {self.starts + 1} at {time.strftime('%H:%M:%S')} =====\n".encode())
        log.flush()
        self.process = subprocess.Popen(
            [self.binary, "run", "--config", os.path.join(self.work, f"{self.name}.yaml")],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.work)
        log.close()
        self.starts += 1
        self.expected_down = False

    def running(self):
        return self.process is not None and self.process.poll() is None

    def kill9(self):
        if self.running():
            self.expected_down = True
            self.process.send_signal(signal.SIGKILL)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass

    def get(self, path, timeout=3):
        """(status, body) of GET path on this instance's web server; (0, "") when it does not answer."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}",
                                         headers={"Authorization": f"Bearer {TOKEN}"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except (urllib.error.URLError, OSError, ValueError):
            return 0, ""

    def role(self):
        """"active", "standby" or "" from /readyz (which names the instance and its role)."""
        _, body = self.get("/readyz", timeout=2)
        for role in ("active", "standby"):
            if f"instance: {self.name} ({role})" in body:
                return role
        return ""

    def timeline(self, incident):
        """The incident's internal JSON timeline (entries), or None when the instance cannot serve it."""
        status, body = self.get(f"/api/incidents/{incident}/timeline?limit=100000", timeout=120)
        if status != 200:
            return None
        try:
            data = json.loads(body)
        except ValueError:
            return None
        if isinstance(data, dict) and data.get("truncated"):
            # Older entries exist than the 100,000 returned: a check on them would report false losses.
            raise ValueError(f"the timeline of INC-{incident} has over 100,000 entries; shorten the soak's flood")
        return data if isinstance(data, list) else data.get("entries", [])

    def tail(self, lines=15):
        try:
            with open(self.log_path, "rb") as f:
                return b"".join(f.readlines()[-lines:]).decode("utf-8", "replace")
        except OSError:
            return ""
