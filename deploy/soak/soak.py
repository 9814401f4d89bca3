#!/usr/bin/env python3
"""The soak driver behind deploy/soak/soak.sh (standard library only; see soak.sh for the setup it expects).

Runs an active/standby pair of `sitrep run` on a replicated PostgreSQL pair and the local InspIRCd, drives a
steady flood, a stream of `!note` commands and periodic SEV1 incidents whose escalation pages bob then carol, and
injects faults at seeded random intervals: kill -9 of the active instance (restarted 0-5 s later), InspIRCd
stopped for 1-30 s, PostgreSQL primary stopped and the standby promoted within 3 s. Then it checks and reports:

- confirmed actions lost: a `!note` whose "note recorded" reply bob saw, or a `!declare` whose reply or
  announcement carol saw, that is not in the store afterwards (read through the internal JSON API). Must be 0.
  A declare confirmed by its reply but never announced in the announce channel is listed too.
- pages sent twice: a person paged more than once for the same incident and tier without the "(sent again
  after" marker; marked repeats are counted apart.
- rejoin after each ircd restart: from the server accepting TLS connections again until the bot is back in the
  ops, announce and every incident channel, as a watcher client in those channels sees it.

Exit status: 0 when nothing confirmed was lost, 1 when something was, 2 when the soak could not run.
"""
import argparse
import collections
import json
import os
import random
import re
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bot_pair import Instance, write_configs  # noqa: E402
from irc_people import Person  # noqa: E402

BOT_NICK = "soakbot"
PREFIX = "#soak-"
ANNOUNCE = "#soak-announce"
OPS = "#soak-ops"  # where carol declares (a declaration is announced, with its title, only elsewhere)
MARK = "(sent again after"
DECLARED = re.compile(r"INC-(\d+) \[[^\]]*\] (.+?): declared by \S+; join (#\S+)")
DECLARE_REPLY = re.compile(r"^carol: incident (\d+) declared \([^)]*\); join (#\S+)")
NOTE_REPLY = re.compile(r"^(?:\(sent again after[^)]*\) )?(?:INC-|incident )(\d+): note recorded")
PAGE = re.compile(r"^(\(sent again after[^)]*\) )?You are paged for INC-(\d+) .*?\(escalation ([^)]*)\)")


class SetupFailed(Exception):
    pass


class Soak:
    def __init__(self, args, env):
        self.args = args
        self.env = env
        self.rng = random.Random(args.seed)
        self.lock = threading.Lock()
        self.t0 = time.monotonic()
        self.end_faults = self.t0 + args.duration
        self.until = self.end_faults + 600  # hard bound on every loop, the final checks included
        self.stopping = threading.Event()
        self.load_stopped = threading.Event()
        self.log_file = open(os.path.join(args.work, "soak.log"), "a")
        self.seen_file = open(os.path.join(args.work, "bot-lines.log"), "a", buffering=1)  # what bob and carol got
        # incident id → {"channel", "title", "kind"}; title → id
        self.incidents = {}
        self.by_title = {}
        self.declares = []  # {"title", "sent_at", "incident"} for the SEV1 timer incidents
        self.notes = []  # {"id", "incident", "sent_at", "reply_at", "replies"}
        self.last_note = {}
        self.stray_note_replies = 0
        self.marked_note_replies = 0
        self.pages = collections.defaultdict(lambda: {"plain": 0, "marked": 0})
        self.faults = collections.Counter()
        self.fault_events = []
        self.rejoins = []  # {"seconds", "upper_bound", "outage", "missing"}
        self.takeovers = []  # {"seconds", "restart_after", "channels"}: kill -9 → a bot joined every channel
        self.presence = {}  # channel (lower case) → {bot nick: (seen at, "join" or "names")}
        self.crashes = []
        self.flood_lines = 0
        self.pg_failovers_left = args.pg_failovers
        self.load_stopped_at = self.until

    # -- bookkeeping

    def log(self, text):
        line = f"[{time.monotonic() - self.t0:8.1f}s] {text}"
        print(line, file=sys.stderr, flush=True)
        self.log_file.write(line + "\n")
        self.log_file.flush()

    def now(self):
        return time.monotonic()

    def is_bot(self, nick):
        return nick.lower().startswith(BOT_NICK)

    def incident_channels(self):
        with self.lock:
            return [OPS, ANNOUNCE] + [i["channel"] for i in self.incidents.values()]

    # -- what people see

    def on_announcement(self, line):
        match = DECLARED.search(line.text)
        if not match:
            return
        incident, title, channel = int(match.group(1)), match.group(2), match.group(3)
        with self.lock:
            for declare in self.declares:
                if declare["title"] == title:
                    declare["incident"] = incident
                    declare["announced"] = True
        self.add_incident(incident, title, channel)

    def on_declare_reply(self, line):
        """carol's own reply in #soak-ops (`carol: incident N declared (SEV1); join #soak-N`) confirms her last
        declare (they are a minute apart); the store check then reads the title back, so a reply taken for the
        wrong declare shows up as lost rather than hiding one."""
        match = DECLARE_REPLY.match(line.text)
        if not match:
            return
        incident, channel = int(match.group(1)), match.group(2)
        with self.lock:
            pending = [d for d in self.declares if d["sent_at"] is not None and d.get("replied") is None
                       and self.now() - d["sent_at"] < 50]
            if not pending:
                return
            declare = pending[-1]
            declare["replied"] = incident
            declare["incident"] = incident
        self.add_incident(incident, declare["title"], channel)

    def add_incident(self, incident, title, channel):
        with self.lock:
            if incident in self.incidents:
                return
            kind = "timer" if title.startswith("soak timer") else title.split()[-1]
            self.incidents[incident] = {"channel": channel, "title": title, "kind": kind, "at": self.now()}
            self.by_title[title] = incident
        self.log(f"INC-{incident} declared ({title}) in {channel}")
        self.watcher.join(channel)
        self.bob.join(channel)  # bob notes in every incident

    def on_page(self, person, line):
        match = PAGE.match(line.text)
        if not match or line.target.lower() != person.nick.lower():
            return
        key = (person.wanted_nick, int(match.group(2)), match.group(3))
        with self.lock:
            self.pages[key]["marked" if match.group(1) else "plain"] += 1
            count = self.pages[key]
        if count["plain"] > 1 or match.group(1):
            self.log(f"page again: {key} now {count}: {line.text[:120]}")

    def on_note_reply(self, line):
        match = NOTE_REPLY.match(line.text)
        if not match:
            return
        incident = int(match.group(1))
        with self.lock:
            note = self.last_note.get(incident)
            if line.text.startswith(MARK):
                # Resent after a takeover: it confirms some note the dead instance stored, not necessarily the
                # last one sent, so it confirms none.
                self.marked_note_replies += 1
                return
            if note is not None and note["sent_at"] is not None and note["reply_at"] is None:
                note["reply_at"] = self.now()
                note["replies"] += 1
            else:
                # A second reply to a note already confirmed (a marked resend after a takeover, say).
                self.stray_note_replies += 1
                if note is not None:
                    note["replies"] += 1

    def person_handler(self, person, line):
        if line.command not in ("PRIVMSG", "NOTICE") or not self.is_bot(line.nick):
            return
        with self.lock:
            self.seen_file.write(f"{self.now() - self.t0:.2f} {person.wanted_nick} {line.raw}\n")
        if line.target.lower() == ANNOUNCE:
            self.on_announcement(line)
        elif line.target.lower() == OPS:
            if person.wanted_nick == "carol":
                self.on_declare_reply(line)
        elif line.target.startswith("#"):
            if person.wanted_nick == "bob":
                self.on_note_reply(line)
        else:
            self.on_page(person, line)

    def watcher_ready(self, person):
        with self.lock:
            self.presence.clear()

    def watcher_handler(self, person, line):
        now = self.now()
        command = line.command
        with self.lock:
            if command == "353" and len(line.params) >= 4:
                channel = line.params[2].lower()
                for name in line.text.split():
                    nick = name.lstrip("~&@%+").split("!", 1)[0]
                    if self.is_bot(nick):
                        self.presence.setdefault(channel, {}).setdefault(nick, (now, "names"))
            elif command == "JOIN" and self.is_bot(line.nick) and line.params:
                for channel in line.params[0].lower().split(","):
                    self.presence.setdefault(channel, {})[line.nick] = (now, "join")
            elif command == "PART" and self.is_bot(line.nick) and line.params:
                self.presence.get(line.params[0].lower(), {}).pop(line.nick, None)
            elif command == "KICK" and len(line.params) >= 2 and self.is_bot(line.params[1]):
                self.presence.get(line.params[0].lower(), {}).pop(line.params[1], None)
            elif command == "QUIT" and self.is_bot(line.nick):
                for members in self.presence.values():
                    members.pop(line.nick, None)
            elif command == "NICK" and self.is_bot(line.nick):
                for members in self.presence.values():
                    if line.nick in members:
                        members[line.text] = members.pop(line.nick)

    def bot_everywhere_since(self, channels, after=None):
        """(latest time the bot was seen in any of `channels`, whether any came from NAMES), or None while it
        is missing from one of them. With `after`, only a bot seen joining since then counts (a killed
        instance's connection stays in its channels until the server times it out)."""
        latest, upper = 0.0, False
        with self.lock:
            for channel in channels:
                members = [seen for seen in self.presence.get(channel.lower(), {}).values()
                           if after is None or seen[0] >= after]
                if not members:
                    return None
                seen, how = min(members)
                latest = max(latest, seen)
                upper = upper or how == "names"
        return latest, upper

    # -- setup

    def start(self):
        env, args = self.env, self.args
        pg_hosts = [f"127.0.0.1:{env['SITREP_TEST_POSTGRES_PORT']}",
                    f"127.0.0.1:{env['SITREP_TEST_POSTGRES_STANDBY_PORT']}"]
        ports = write_configs(args.work, env, pg_hosts, BOT_NICK, PREFIX, ANNOUNCE, OPS)
        self.instances = {name: Instance(name, args.binary, args.work, port) for name, port in ports.items()}
        self.instances["a"].start()
        self.wait_role("a", "active", 90)
        self.instances["b"].start()
        self.wait_role("b", "standby", 90)
        self.log("instance a active, b standby")
        port, ca, password = int(env["INSPIRCD_TLS_PORT"]), env["IRC_CA_FILE"], env["USER_PASSWORD"]
        common = dict(port=port, ca=ca, until=self.until, log=self.log)
        self.watcher = Person("soakwatch", handler=self.watcher_handler, on_ready=self.watcher_ready, **common)
        self.carol = Person("carol", account="carol", password=password, handler=self.person_handler, **common)
        self.bob = Person("bob", account="bob", password=password, handler=self.person_handler, **common)
        quiet = dict(common, log=None)  # twenty flood clients reconnecting need not fill the log
        self.flooders = [Person(f"soakflood{n}", rate=args.flood_rate, burst=2, **quiet)
                         for n in range(1, args.flood_clients + 1)]
        for person in [self.watcher, self.carol, self.bob]:
            person.join(ANNOUNCE)
        for person in [self.watcher, self.carol]:
            person.join(OPS)
        for person in [self.watcher, self.carol, self.bob]:
            person.start()
        for person in [self.watcher, self.carol, self.bob]:
            if not person.ready.wait(60):
                raise SetupFailed(f"{person.wanted_nick} could not register on the local InspIRCd")
        self.wait_for("the bot in its channels", 90, lambda: self.bot_everywhere_since([ANNOUNCE, OPS]))
        for kind in ("flood", "notes"):
            self.carol.say(OPS, f"!declare sev3 soak {kind}")
        self.wait_for("the flood and notes incidents", 90,
                      lambda: "soak flood" in self.by_title and "soak notes" in self.by_title)
        self.flood_channel = self.incidents[self.by_title["soak flood"]]["channel"]
        for person in self.flooders:
            person.join(self.flood_channel)
            person.start()

    def wait_role(self, name, role, limit):
        self.wait_for(f"instance {name} {role}", limit, lambda: self.instances[name].role() == role,
                      detail=lambda: self.instances[name].tail())

    def wait_for(self, what, limit, condition, detail=None):
        deadline = self.now() + limit
        while self.now() < deadline:
            if condition():
                return
            if self.stopping.is_set():
                break
            time.sleep(0.2)
        raise SetupFailed(f"timed out after {limit} s waiting for {what}" + (f"\n{detail()}" if detail else ""))

    # -- load

    def flood_loop(self):
        sequence = 0
        interval = 1.0 / self.args.flood_rate
        while not self.load_stopped.is_set() and self.now() < self.until:
            for person in self.flooders:
                sequence += 1
                person.say(self.flood_channel, f"soak flood line {sequence} from {person.wanted_nick}",
                           on_sent=self.count_flood, max_queue=3)
            self.load_stopped.wait(interval)

    def count_flood(self, _):
        with self.lock:
            self.flood_lines += 1

    def pick_note_incident(self):
        """An incident whose last note is answered, or written off (unanswered for 180 s): one unanswered note
        per incident at a time, so a late reply cannot be taken for a newer note's. Every open incident takes
        notes, so an outage that leaves a few unanswered does not stop the stream."""
        with self.lock:
            choices = []
            for incident in sorted(self.incidents):
                last = self.last_note.get(incident)
                if last is None or last["reply_at"] is not None:
                    choices.append(incident)
                elif last["sent_at"] is None or self.now() - last["sent_at"] > 180:
                    choices.append(incident)
            return self.rng.choice(choices) if choices else None

    def notes_loop(self):
        count = 0
        while not self.load_stopped.is_set() and self.now() < self.until:
            incident = self.pick_note_incident()
            if incident is not None:
                count += 1
                note = {"id": f"soak-{self.args.seed}-{count}", "incident": incident, "sent_at": None,
                        "reply_at": None, "replies": 0}
                channel = self.incidents[incident]["channel"]

                def sent(at, note=note):
                    with self.lock:
                        note["sent_at"] = at
                with self.lock:
                    self.notes.append(note)
                    self.last_note[incident] = note
                if not self.bob.say(channel, f"!note {note['id']}", on_sent=sent):
                    note["unsent"] = True
                # Wait for the reply (or 20 s), then a pause before the next command.
                deadline = self.now() + 20
                while self.now() < deadline and note["reply_at"] is None and not self.load_stopped.is_set():
                    time.sleep(0.05)
            self.load_stopped.wait(self.args.note_every)

    def timers_loop(self):
        count = 0
        last_declare = self.end_faults - 30
        while not self.load_stopped.is_set() and self.now() < last_declare:
            count += 1
            title = f"soak timer {count}"
            declare = {"title": title, "sent_at": None, "incident": None}

            def sent(at, declare=declare):
                declare["sent_at"] = at
            with self.lock:
                self.declares.append(declare)
            self.carol.say(OPS, f"!declare sev1 {title}", on_sent=sent)
            self.load_stopped.wait(self.args.timer_every)

    # -- faults

    def fault_loop(self):
        kinds = ["bot", "ircd", "pg"]
        self.rng.shuffle(kinds)  # each kind once first, whatever the duration
        first = list(kinds)
        while self.now() < self.end_faults:
            gap = self.rng.uniform(self.args.gap_min, self.args.gap_max)
            if self.now() + gap > self.end_faults:
                break
            time.sleep(gap)
            kind = first.pop(0) if first else self.rng.choices(["bot", "ircd", "pg"], weights=[4, 3, 1])[0]
            if kind == "pg" and self.pg_failovers_left <= 0:
                kind = self.rng.choice(["bot", "ircd"])
            try:
                getattr(self, f"fault_{kind}")()
            except Exception as error:  # keep soaking; the report lists it
                self.log(f"fault {kind} failed: {error!r}")
                self.fault_events.append({"at": self.now() - self.t0, "kind": kind, "failed": repr(error)})

    def record_fault(self, kind, detail):
        self.faults[kind] += 1
        self.fault_events.append({"at": round(self.now() - self.t0, 1), "kind": kind, **detail})

    def fault_bot(self):
        deadline = self.now() + 30
        victim = None
        while victim is None and self.now() < deadline:
            victim = next((i for i in self.instances.values() if i.running() and i.role() == "active"), None)
            if victim is None:
                time.sleep(0.5)
        if victim is None:
            self.log("fault bot: no instance is active; skipped")
            return
        delay = self.rng.uniform(0, 5)
        self.log(f"fault: kill -9 instance {victim.name} (active), restart in {delay:.1f} s")
        channels = self.incident_channels()
        killed_at = self.now()
        victim.kill9()
        self.record_fault("bot kill -9", {"instance": victim.name, "restart_after": round(delay, 1)})
        time.sleep(delay)
        victim.start()
        back = None
        while back is None and self.now() < killed_at + 180:
            back = self.bot_everywhere_since(channels, after=killed_at)
            if back is None:
                time.sleep(0.05)
        seconds = None if back is None else round(back[0] - killed_at, 2)
        # Restarted before its lease lapsed, the killed instance may take its own lease back before the standby.
        now_active = next((i.name for i in self.instances.values() if i.role() == "active"), "none")
        self.takeovers.append({"seconds": seconds, "restart_after": round(delay, 1), "channels": len(channels),
                               "killed": victim.name, "active_after": now_active})
        self.log(f"takeover: a bot joined all {len(channels)} channels again {seconds} s after the kill; "
                 f"{now_active} is active" if seconds is not None
                 else "takeover: the bot was not back in every channel within 180 s")

    def run_control(self, *argv, limit=180):
        result = subprocess.run(list(argv), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=limit,
                                text=True, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed: {result.stdout[-500:]}")
        return result.stdout

    def fault_ircd(self):
        control, irc_dir = self.env["IRC_SERVER_CONTROL"], self.env["SITREP_IRC_DIR"]
        outage = self.rng.uniform(1, 30)
        self.log(f"fault: InspIRCd stopped for {outage:.1f} s")
        self.run_control(control, "stop-inspircd", irc_dir)
        with self.lock:
            self.presence.clear()
        time.sleep(outage)
        accepted = {}
        poller = threading.Thread(target=self.poll_accept, args=(accepted,), daemon=True)
        poller.start()
        try:
            self.run_control(control, "start-inspircd", irc_dir)
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            self.log(f"start-inspircd failed ({error}); once more")
            time.sleep(2)
            self.run_control(control, "start-inspircd", irc_dir)
        poller.join(60)
        if "at" not in accepted:
            raise RuntimeError("InspIRCd did not accept TLS connections within 60 s of its start")
        channels = self.incident_channels()
        deadline = accepted["at"] + 300
        back = None
        while self.now() < deadline and back is None:
            back = self.bot_everywhere_since(channels)
            if back is None:
                time.sleep(0.05)
        record = {"outage": round(outage, 1), "channels": len(channels)}
        if back is None:
            with self.lock:
                missing = [c for c in channels if not self.presence.get(c.lower())]
            record.update(seconds=None, missing=missing)
            self.log(f"rejoin: the bot was not back in {len(missing)} channel(s) within 300 s: {missing[:5]}")
        else:
            seconds = max(0.0, back[0] - accepted["at"])
            record.update(seconds=round(seconds, 2), upper_bound=back[1])
            self.log(f"rejoin: bot back in all {len(channels)} channels {seconds:.2f} s after the ircd accepted"
                     + (" (at most: seen in NAMES)" if back[1] else ""))
        self.rejoins.append(record)
        self.record_fault("ircd stop", {"outage": round(outage, 1)})

    def poll_accept(self, accepted):
        ctx = ssl.create_default_context(cafile=self.env["IRC_CA_FILE"])
        deadline = self.now() + 120
        while self.now() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", int(self.env["INSPIRCD_TLS_PORT"])), timeout=1) as raw:
                    with ctx.wrap_socket(raw, server_hostname="localhost"):
                        accepted["at"] = self.now()
                        return
            except (OSError, ssl.SSLError):
                time.sleep(0.02)

    def fault_pg(self):
        delay = self.rng.uniform(0, 3)
        self.log(f"fault: PostgreSQL primary stopped, standby promoted after {delay:.1f} s")
        self.run_control(self.args.pg_control, "fail", self.args.pg_dir, f"{delay:.2f}")
        self.pg_failovers_left -= 1
        self.record_fault("postgres failover", {"promote_after": round(delay, 1)})
        if self.args.pg_rebuild:
            started = self.now()
            self.run_control(self.args.pg_control, "rebuild", self.args.pg_dir, limit=300)
            self.log(f"PostgreSQL: a new standby streams again after {self.now() - started:.1f} s")
            self.pg_failovers_left = self.args.pg_failovers  # the pair is whole again

    # -- supervision (systemd's Restart=always)

    def supervise_loop(self):
        while not self.stopping.is_set() and self.now() < self.until:
            for instance in self.instances.values():
                if instance.process is not None and not instance.running() and not instance.expected_down:
                    code = instance.process.returncode
                    self.log(f"instance {instance.name} exited by itself (status {code}); restarting it\n"
                             + instance.tail())
                    self.crashes.append({"at": round(self.now() - self.t0, 1), "instance": instance.name,
                                         "status": code})
                    time.sleep(1)
                    instance.start()
            self.stopping.wait(0.5)

    # -- the run

    def run(self):
        threads = [threading.Thread(target=getattr(self, name), name=name, daemon=True)
                   for name in ("flood_loop", "notes_loop", "timers_loop", "supervise_loop")]
        faults = threading.Thread(target=self.fault_loop, name="faults", daemon=True)
        for thread in threads + [faults]:
            thread.start()
        while self.now() < self.end_faults and not self.stopping.is_set():
            time.sleep(min(10, max(0.1, self.end_faults - self.now())))
            self.progress()
        self.log("fault window over; waiting for the last fault to finish")
        faults.join(max(1, self.until - self.now() - 300))
        # The load runs on a little, so the last SEV1 incident's pages and the last note are due and answered.
        time.sleep(25)
        self.load_stopped_at = self.now()
        self.load_stopped.set()
        time.sleep(5)

    def progress(self):
        with self.lock:
            confirmed = sum(1 for n in self.notes if n["reply_at"] is not None)
            text = (f"progress: notes {len(self.notes)} sent, {confirmed} confirmed; flood {self.flood_lines} lines;"
                    f" incidents {len(self.incidents)}; faults {dict(self.faults)}")
        self.log(text)

    # -- checks

    def store_reader(self):
        for _ in range(120):
            for instance in self.instances.values():
                if instance.running() and instance.role() == "active":
                    return instance
            time.sleep(0.5)
        return next((i for i in self.instances.values() if i.running()), None)

    def check(self):
        reader = self.store_reader()
        lost, unconfirmed_stored, unconfirmed_missing = [], 0, 0
        timelines = {}
        for incident in sorted({n["incident"] for n in self.notes}):
            entries = reader.timeline(incident) if reader else None
            if entries is None:
                raise SetupFailed(f"could not read the timeline of INC-{incident} from either instance")
            timelines[incident] = entries
        for note in self.notes:
            texts = [e.get("text", "") for e in timelines[note["incident"]] if e.get("kind") == "note"]
            stored = any(note["id"] in text.split() for text in texts)
            if note["reply_at"] is not None and not stored:
                lost.append(f"note {note['id']} (INC-{note['incident']}), confirmed "
                            f"{note['reply_at'] - self.t0:.1f} s into the soak")
            elif note["reply_at"] is None:
                if stored:
                    unconfirmed_stored += 1
                else:
                    unconfirmed_missing += 1
        declares_confirmed, unannounced = 0, []
        for declare in self.declares:
            incident = declare["incident"]
            if incident is None:
                continue
            declares_confirmed += 1
            if not declare.get("announced"):
                unannounced.append(f"INC-{incident}")
            entries = timelines.get(incident)
            if entries is None:
                entries = reader.timeline(incident) or []
            if not any(e.get("text", "").endswith(": " + declare["title"]) for e in entries):
                lost.append(f"declare '{declare['title']}' (confirmed as INC-{incident}; not stored under that title)")
        return {"lost": lost, "unconfirmed_stored": unconfirmed_stored, "unconfirmed_missing": unconfirmed_missing,
                "declares_confirmed": declares_confirmed, "unannounced": unannounced}

    def pages_summary(self):
        twice, marked, missing, expected = [], 0, [], 0
        with self.lock:
            timers = {i: v for i, v in self.incidents.items() if v["kind"] == "timer"}
            for incident, info in sorted(timers.items()):
                if self.load_stopped_at - info["at"] < 20:
                    continue  # declared too late for both tiers to be due before the load stopped
                for person, tier in (("bob", "tier 1"), ("carol", "tier 2")):
                    expected += 1
                    count = self.pages.get((person, incident, tier), {"plain": 0, "marked": 0})
                    if count["plain"] + count["marked"] == 0:
                        missing.append(f"INC-{incident} {tier} ({person})")
            for (person, incident, tier), count in sorted(self.pages.items()):
                if count["plain"] > 1:
                    twice.append(f"INC-{incident} {tier} to {person}: {count['plain']} unmarked")
                marked += count["marked"]
        return {"expected": expected, "twice": twice, "marked": marked, "missing": missing}

    def report(self, checks):
        pages = self.pages_summary()
        timed = [r["seconds"] for r in self.rejoins if r.get("seconds") is not None]
        never = [r for r in self.rejoins if r.get("seconds") is None]
        confirmed = sum(1 for n in self.notes if n["reply_at"] is not None)
        sent = sum(1 for n in self.notes if n["sent_at"] is not None)
        lines = [
            "",
            "== sitrep soak report ==",
            f"duration: {self.args.duration:.0f} s of faults (+ settling), seed {self.args.seed}",
            f"binary: {self.args.binary}",
            "faults injected: " + (", ".join(f"{k} {v}" for k, v in sorted(self.faults.items())) or "none"),
            f"exits of sitrep by itself, restarted as systemd would (a step-down counts): {len(self.crashes)}",
            f"load: {self.flood_lines} flood lines from {self.args.flood_clients} clients; "
            f"{len(self.notes)} !note commands ({sent} written to the server); {len(self.declares)} SEV1 declares",
            f"confirmed actions: {confirmed} notes + {checks['declares_confirmed']} declares; "
            f"LOST: {len(checks['lost'])}",
        ]
        lines += [f"  lost: {item}" for item in checks["lost"]]
        lines += [
            f"declares confirmed but never announced in {ANNOUNCE}: {len(checks['unannounced'])} "
            + (f"({', '.join(checks['unannounced'])})" if checks["unannounced"] else ""),
            f"unconfirmed notes (no reply seen): {checks['unconfirmed_stored']} stored anyway, "
            f"{checks['unconfirmed_missing']} not stored",
            f"note replies beyond the first: {self.stray_note_replies} unmarked, {self.marked_note_replies} marked "
            "\"(sent again after a failover)\" (a marked reply confirms nothing)",
            f"pages: {pages['expected']} expected; sent twice (unmarked): {len(pages['twice'])}; "
            f"marked repeats: {pages['marked']}; never seen: {len(pages['missing'])}",
        ]
        lines += [f"  twice: {item}" for item in pages["twice"]]
        lines += [f"  never seen: {item}" for item in pages["missing"][:20]]
        if timed:
            upper = any(r.get("upper_bound") for r in self.rejoins if r.get("seconds") is not None)
            lines.append(f"rejoin after ircd restart ({len(timed)} restarts): worst {max(timed):.2f} s, "
                         f"median {statistics.median(timed):.2f} s"
                         + (" (some seen only in the watcher's NAMES: upper bounds)" if upper else ""))
            lines.append("  each: " + ", ".join(f"{r['seconds']:.1f}s after a {r['outage']:.0f}s outage"
                                               for r in self.rejoins if r.get("seconds") is not None))
        else:
            lines.append("rejoin after ircd restart: no measurement")
        if never:
            lines.append(f"  NOT back within 300 s after {len(never)} restart(s)")
        taken = [t["seconds"] for t in self.takeovers if t["seconds"] is not None]
        if taken:
            moved = sum(1 for t in self.takeovers if t.get("active_after") not in (None, t["killed"]))
            lines.append(f"kill -9 of the active → a bot in every channel again ({len(taken)} kills; the standby "
                         f"took over in {moved}, the restarted instance took its lease back in the others): worst "
                         f"{max(taken):.2f} s, median {statistics.median(taken):.2f} s"
                         + (f"; NOT back within 180 s after {len(self.takeovers) - len(taken)}"
                            if len(taken) < len(self.takeovers) else ""))
        final = ", ".join(f"{i.name} {i.role() or 'not answering'}" for i in self.instances.values())
        lines.append(f"instances at the end: {final}")
        lines.append(f"work directory (logs, configs, soak.json): {self.args.work}")
        text = "\n".join(lines)
        print(text, flush=True)
        self.log_file.write(text + "\n")
        with open(os.path.join(self.args.work, "soak.json"), "w") as f:
            json.dump({"seed": self.args.seed, "duration": self.args.duration, "faults": dict(self.faults),
                       "fault_events": self.fault_events, "crashes": self.crashes, "checks": checks,
                       "pages": pages, "rejoins": self.rejoins, "takeovers": self.takeovers, "notes": self.notes,
                       "flood_lines": self.flood_lines}, f, indent=1, default=str)

    def shutdown(self):
        self.stopping.set()
        self.load_stopped.set()
        for person in [getattr(self, "watcher", None), getattr(self, "carol", None), getattr(self, "bob", None)] \
                + getattr(self, "flooders", []):
            if person is not None:
                person.stop()
        for instance in getattr(self, "instances", {}).values():
            instance.kill9()


def load_env():
    env = dict(os.environ)
    needed = ["INSPIRCD_TLS_PORT", "IRC_CA_FILE", "BOT_ACCOUNT", "BOT_PASSWORD", "USER_PASSWORD",
              "IRC_SERVER_CONTROL", "SITREP_IRC_DIR", "SITREP_TEST_POSTGRES_PORT",
              "SITREP_TEST_POSTGRES_STANDBY_PORT", "SITREP_TEST_POSTGRES_PASSWORD", "SITREP_TEST_POSTGRES_USER",
              "SITREP_TEST_POSTGRES_DATABASE", "SITREP_TEST_POSTGRES_CA_FILE"]
    missing = [key for key in needed if not env.get(key)]
    if missing:
        raise SetupFailed("missing environment (the IRC and PostgreSQL pair env files): " + " ".join(missing))
    return env


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=1800, help="seconds of faults (default 1800)")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True, help="folder for configs, logs and soak.json")
    parser.add_argument("--pg-control", required=True, help="deploy/soak/pg-pair.sh")
    parser.add_argument("--pg-dir", required=True)
    parser.add_argument("--pg-rebuild", action="store_true", help="rebuild a standby after each failover")
    parser.add_argument("--pg-failovers", type=int, default=1,
                        help="PostgreSQL failovers before the pair is whole again (default 1)")
    parser.add_argument("--flood-clients", type=int, default=20)
    parser.add_argument("--flood-rate", type=float, default=1.0, help="lines/s per flood client (default 1)")
    parser.add_argument("--note-every", type=float, default=3.0)
    parser.add_argument("--timer-every", type=float, default=60.0)
    parser.add_argument("--gap-min", type=float, default=20.0)
    parser.add_argument("--gap-max", type=float, default=60.0)
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1, 2**31)
    print(f"soak: seed {args.seed} (rerun with SOAK_SEED={args.seed}), {args.duration:.0f} s of faults",
          file=sys.stderr, flush=True)
    def interrupted(signum, frame):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, interrupted)
    soak = None
    try:
        soak = Soak(args, load_env())
        soak.start()
        soak.run()
        checks = soak.check()
        soak.report(checks)
        return 1 if checks["lost"] else 0
    except (SetupFailed, ValueError) as error:
        print(f"soak: ERROR: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("soak: interrupted", file=sys.stderr)
        return 2
    finally:
        if soak is not None:
            soak.shutdown()


if __name__ == "__main__":
    sys.exit(main())
