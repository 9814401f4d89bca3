#!/usr/bin/env python3
"""An encrypting Matrix "human" for sitrep's end-to-end tests: matrix-nio with libolm (python-olm), not sitrep's code.

It does what an Element user does, one step per command, so a test can drive a person whose encryption shares no
code with the bot's (only libolm itself underneath): it logs in as a fresh device, publishes its device and one-time
keys, creates end-to-end encrypted rooms, joins, sends with the room's Megolm key shared to every member's devices
over Olm (trusting devices nobody verified, as Element does by default), and reads what others say by decrypting it.

Run it on the venv `SYNAPSE_ENCRYPT_BY_DEFAULT=all deploy/local/synapse.sh up DIR` makes (DIR/nio-venv):

    DIR/nio-venv/bin/python deploy/local/e2ee_human.py --homeserver URL --ca CA_FILE --user alice

with the password in the environment variable E2EE_HUMAN_PASSWORD. It logs in, then prints one JSON line
{"ok": true, "user_id": ..., "device_id": ...} and reads one JSON command per line on standard input, answering
each with one JSON line on standard output: {"ok": true, ...} or {"ok": false, "error": "..."}. Diagnostics go to
standard error. Commands ("op"):

    create_room   name, invite (user ids)   an encrypted private room, as Element makes one -> room_id
    wait_joined   room, user, timeout       until user is a joined member of room
    join          room (id or alias), timeout   retried until it works (the room may not exist yet) -> room_id
    encryption    room                      the room's m.room.encryption state -> algorithm (null if none)
    send          room, text                an m.text message, encrypted if the room is -> event_id
    wait_message  room, sender, contains, timeout
                                            the next message from sender in room whose body contains the text
                                            and that no earlier wait_message returned -> body, event_id,
                                            encrypted (whether it came encrypted and was decrypted here)
    messages      room, sender              every message seen from sender in room -> bodies, undecryptable (how
                                            many of theirs it cannot decrypt, sent since it joined: history from
                                            before is not shared with a newcomer, as Element shows too)
    quit                                    logs out (deleting this device) and exits
"""

import argparse
import asyncio
import json
import logging
import os
import ssl
import sys
import tempfile
import time
import uuid

from nio import (
    AsyncClient,
    AsyncClientConfig,
    ErrorResponse,
    JoinResponse,
    LoginResponse,
    MegolmEvent,
    RoomCreateResponse,
    RoomGetStateEventResponse,
    RoomMessage,
    RoomSendResponse,
    SyncResponse,
)
from nio.crypto import ENCRYPTION_ENABLED

MEGOLM = "m.megolm.v1.aes-sha2"


class StepFailed(Exception):
    """A command that could not be done, with what went wrong."""


class Human:
    """One person's device: a nio client, the messages it has seen, and the ones it could not decrypt yet."""

    def __init__(self, client):
        self.client = client
        self.seen = []  # {"room", "sender", "body", "event_id", "encrypted"} in the order synced
        self.returned = set()  # event ids wait_message has handed out
        self.undecryptable = []  # (room_id, MegolmEvent) still waiting for their room key
        self.joined_at = {}  # room id -> when this device joined it (ms since the epoch), for rooms it joined

    async def sync_once(self, timeout_ms):
        """One /sync, then what Element does between syncs: keys published, queried, claimed, to-device sent."""
        response = await self.client.sync(timeout=timeout_ms, full_state=self.client.next_batch is None)
        if not isinstance(response, SyncResponse):
            raise StepFailed(f"sync failed: {response}")
        client = self.client
        if client.should_upload_keys:
            await client.keys_upload()
        if client.should_query_keys:
            await client.keys_query()
        if client.should_claim_keys:
            await client.keys_claim(client.get_users_for_key_claiming())
        await client.send_to_device_messages()
        for room_id, room in response.rooms.join.items():
            for event in room.timeline.events:
                self.take(room_id, event)
        self.retry_undecryptable()

    def take(self, room_id, event):
        if isinstance(event, MegolmEvent):
            self.undecryptable.append((room_id, event))
        elif isinstance(event, RoomMessage) and hasattr(event, "body"):
            self.seen.append(
                {
                    "room": room_id,
                    "sender": event.sender,
                    "body": event.body,
                    "event_id": event.event_id,
                    "encrypted": bool(getattr(event, "decrypted", False)),
                }
            )

    def retry_undecryptable(self):
        """Decrypts the messages whose room key has arrived since (Element does the same on a key's arrival)."""
        waiting, self.undecryptable = self.undecryptable, []
        for room_id, event in waiting:
            try:
                self.take(room_id, self.client.decrypt_event(event))
            except Exception:  # noqa: BLE001 - nio raises EncryptionError and others while the key is missing
                self.undecryptable.append((room_id, event))

    async def until(self, timeout, found):
        """Syncs until found() returns something other than None, at most timeout seconds."""
        deadline = time.monotonic() + timeout
        while True:
            value = found()
            if value is not None:
                return value
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            await self.sync_once(int(min(left, 2.0) * 1000))

    async def create_room(self, command):
        response = await self.client.room_create(
            name=command.get("name"),
            invite=command.get("invite", []),
            initial_state=[{"type": "m.room.encryption", "state_key": "", "content": {"algorithm": MEGOLM}}],
        )
        if not isinstance(response, RoomCreateResponse):
            raise StepFailed(f"createRoom failed: {response}")
        await self.sync_once(0)
        return {"room_id": response.room_id}

    async def wait_joined(self, command):
        room_id, user = command["room"], command["user"]

        def joined():
            room = self.client.rooms.get(room_id)
            return True if room is not None and user in room.users else None

        if await self.until(command.get("timeout", 30), joined) is None:
            raise StepFailed(f"{user} did not join {room_id}")
        return {}

    async def join(self, command):
        deadline = time.monotonic() + command.get("timeout", 30)
        while True:
            asked_at = int(time.time() * 1000)
            response = await self.client.join(command["room"])
            if isinstance(response, JoinResponse):
                room_id = response.room_id
                self.joined_at.setdefault(room_id, asked_at)
                await self.until(10, lambda: True if room_id in self.client.rooms else None)
                return {"room_id": room_id}
            if time.monotonic() >= deadline:
                raise StepFailed(f"joining {command['room']} failed: {response}")
            await asyncio.sleep(0.25)

    async def encryption(self, command):
        response = await self.client.room_get_state_event(command["room"], "m.room.encryption")
        if isinstance(response, RoomGetStateEventResponse):
            return {"algorithm": response.content.get("algorithm")}
        if isinstance(response, ErrorResponse) and response.status_code == "M_NOT_FOUND":
            return {"algorithm": None}
        raise StepFailed(f"reading m.room.encryption failed: {response}")

    async def send(self, command):
        room_id = command["room"]
        if room_id not in self.client.rooms:
            raise StepFailed(f"not in room {room_id}")
        # The members' devices are current before the room key is shared, as Element's are from its sync loop.
        await self.sync_once(0)
        response = await self.client.room_send(
            room_id,
            "m.room.message",
            {"msgtype": "m.text", "body": command["text"]},
            tx_id=str(uuid.uuid4()),
            ignore_unverified_devices=True,
        )
        if not isinstance(response, RoomSendResponse):
            raise StepFailed(f"sending failed: {response}")
        return {"event_id": response.event_id}

    async def wait_message(self, command):
        room_id, sender, text = command["room"], command["sender"], command["contains"]

        def match():
            for message in self.seen:
                if (
                    message["room"] == room_id
                    and message["sender"] == sender
                    and text in message["body"]
                    and message["event_id"] not in self.returned
                ):
                    self.returned.add(message["event_id"])
                    return message
            return None

        found = await self.until(command.get("timeout", 30), match)
        if found is None:
            summary = self.messages({"room": room_id, "sender": sender})
            raise StepFailed(f"no message from {sender} in {room_id} containing {text!r}; seen: {json.dumps(summary)}")
        return {"body": found["body"], "event_id": found["event_id"], "encrypted": found["encrypted"]}

    def messages(self, command):
        room_id, sender = command["room"], command["sender"]
        since = self.joined_at.get(room_id, 0)
        return {
            "bodies": [m["body"] for m in self.seen if m["room"] == room_id and m["sender"] == sender],
            "undecryptable": sum(
                1
                for r, e in self.undecryptable
                if r == room_id and e.sender == sender and e.server_timestamp >= since
            ),
        }


async def read_line():
    return await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


def answer(value):
    try:
        sys.stdout.write(json.dumps(value) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the test has gone; nobody is left to answer
        pass


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--homeserver", required=True)
    parser.add_argument("--ca", required=True, help="the CA file the homeserver's certificate is checked against")
    parser.add_argument("--user", required=True, help="the localpart or user id")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if not ENCRYPTION_ENABLED:
        answer({"ok": False, "error": "matrix-nio has no end-to-end encryption here (python-olm missing)"})
        return 1
    password = os.environ.get("E2EE_HUMAN_PASSWORD")
    if not password:
        answer({"ok": False, "error": "E2EE_HUMAN_PASSWORD is not set"})
        return 1

    store = tempfile.mkdtemp(prefix="e2ee-human-")
    client = AsyncClient(
        arguments.homeserver,
        arguments.user,
        store_path=store,
        config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False),
        ssl=ssl.create_default_context(cafile=arguments.ca),
    )
    human = Human(client)
    try:
        login = await client.login(password, device_name="e2ee_human.py (matrix-nio)")
        if not isinstance(login, LoginResponse):
            answer({"ok": False, "error": f"login failed: {login}"})
            return 1
        if client.should_upload_keys:
            await client.keys_upload()
        await human.sync_once(0)
        answer({"ok": True, "user_id": client.user_id, "device_id": client.device_id})

        handlers = {
            "create_room": human.create_room,
            "wait_joined": human.wait_joined,
            "join": human.join,
            "encryption": human.encryption,
            "send": human.send,
            "wait_message": human.wait_message,
        }
        while True:
            line = await read_line()
            if not line:
                break
            try:
                command = json.loads(line)
                op = command.get("op")
                if op == "quit":
                    await client.logout()
                    answer({"ok": True})
                    break
                if op == "messages":
                    result = human.messages(command)
                elif op in handlers:
                    result = await handlers[op](command)
                else:
                    raise StepFailed(f"unknown op {op!r}")
                answer({"ok": True, **result})
            except StepFailed as failure:
                answer({"ok": False, "error": str(failure)})
            except Exception as error:  # noqa: BLE001 - any other failure is reported to the test, not swallowed
                logging.exception("command failed")
                answer({"ok": False, "error": f"{type(error).__name__}: {error}"})
    finally:
        await client.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
