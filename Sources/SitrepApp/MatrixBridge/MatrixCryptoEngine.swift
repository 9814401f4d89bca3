import Logging
import Matrix
import MatrixClient
import MatrixE2EE
import SitrepCore

/// The bot device's end-to-end encryption on the homeserver: publishes its keys and keeps one-time keys topped up,
/// takes room keys from `/sync`'s to-device messages, decrypts encrypted room events before they are mapped, and
/// encrypts what the bot says in an encrypted room, sharing the room's Megolm key with every member's devices over
/// Olm first. The rules are `MatrixDeviceCrypto`'s (no network); this actor does the calls and the storing.
///
/// Storage: the device's state, sealed under `matrix.encryption_key_*`, is stream `matrix.crypto` of the store. It
/// moves with the sync checkpoint of the batch whose to-device messages changed it (`sealedAlongside()`), so a
/// crash never loses a room key the homeserver will not send again; a new account is stored before its keys are
/// uploaded, so a restart never uploads a second identity for the same device; Olm sessions are stored after they
/// encrypt room keys and before those leave, so a restart never reuses a message index.
public actor MatrixCryptoEngine {
    static let stream = "matrix.crypto"

    let client: MatrixClient
    let store: any IncidentStore
    let key: [UInt8]
    let logger: Logger
    let clock: @Sendable () -> Timestamp
    private var device: MatrixDeviceCrypto?
    /// Device keys by user, from `/keys/query`; a user in `stale` is asked again before the next share.
    private var devices: [String: [MatrixDeviceKeys]] = [:]
    private var stale: Set<String> = []
    /// Whether the state changed since it was last sealed.
    private var changed = false
    /// Encrypted events recorded as unreadable, by the session whose key they wait for (in memory: after a
    /// restart a late key finds nothing to replace).
    private var waitingForKey: [String: [(roomID: String, event: MatrixEvent)]] = [:]
    /// The sessions of `waitingForKey` in the order their first message came, for dropping the oldest.
    private var waitingOrder: [String] = []
    /// At most this many waiting events are kept (the oldest session's go first).
    static let maximumWaiting = 1_000

    init(client: MatrixClient, store: any IncidentStore, key: Secret, logger: Logger, clock: @escaping @Sendable () -> Timestamp) {
        self.client = client
        self.store = store
        self.key = Array(key.reveal().utf8)
        self.logger = logger
        self.clock = clock
    }

    /// Opens the stored device (or makes and stores a new one) and publishes its keys. Idempotent.
    func start(userID: String, deviceID: String) async throws {
        if device == nil {
            if let stored = try await store.checkpoint(stream: Self.stream) {
                device = try MatrixDeviceCrypto(unsealing: stored, key: key, userID: userID, deviceID: deviceID)
            } else {
                let fresh = try MatrixDeviceCrypto(userID: userID, deviceID: deviceID)
                try await store.append([], checkpoint: StreamCheckpoint(stream: Self.stream, position: try fresh.seal(key: key)))
                device = fresh
                logger.info("matrix encryption: new device keys", metadata: ["device": "\(deviceID)"])
            }
        }
        try await publish(serverCount: nil)
        if let identity = try device?.identityKeys() {
            logger.info(
                "matrix encryption ready",
                metadata: ["device": "\(deviceID)", "ed25519": "\(identity.ed25519)"])
        }
    }

    /// Uploads the device keys (once) and one-time keys up to the target; the state is stored right after.
    private func publish(serverCount: Int?) async throws {
        guard let device, let request = try device.keysToUpload(serverCount: serverCount) else { return }
        do {
            _ = try await client.uploadKeys(request)
        } catch {
            logger.error(
                "matrix encryption: the homeserver refused the device's keys; if this device had keys before (the store was reset), set a new matrix.device_id",
                metadata: ["error": "\(error)"])
            throw error
        }
        device.published()
        try await store.append([], checkpoint: StreamCheckpoint(stream: Self.stream, position: try device.seal(key: key)))
    }

    /// Takes what a `/sync` answer brings for the device (room keys, device list changes, the one-time key count)
    /// and returns it with its encrypted room events decrypted; an event that cannot be decrypted yet becomes a
    /// notice saying so (sender and session), recorded like any line.
    ///
    /// `decrypting` false (a catch-up batch, whose history is not fed): the keys and counts are taken, the room
    /// events are left as they are (no work and no warnings for old messages at every start).
    func absorb(_ response: MatrixSyncResponse, decrypting: Bool = true) async -> MatrixSyncResponse {
        guard let device else { return response }
        var late: [String: [MatrixEvent]] = [:]
        for received in device.receive(response.toDevice) {
            switch received {
            case .roomKey(let roomID, let sessionID, let sender):
                changed = true
                waitingOrder.removeAll { $0 == sessionID }
                for waiting in waitingForKey.removeValue(forKey: sessionID) ?? [] {
                    if let replacement = lateReplacement(of: waiting.event, in: waiting.roomID, with: device) {
                        late[waiting.roomID, default: []].append(replacement)
                    }
                }
                logger.debug(
                    "matrix room key received", metadata: ["room": "\(roomID)", "session": "\(sessionID)", "from": "\(sender)"])
            case .refused(let reason):
                logger.warning("matrix to-device message refused", metadata: ["reason": "\(reason)"])
            case .ignored:
                break
            }
        }
        stale.formUnion(response.deviceLists.changed)
        for user in response.deviceLists.left { devices[user] = nil }
        if let count = response.oneTimeKeyCounts["signed_curve25519"], count < MatrixDeviceCrypto.oneTimeKeyTarget / 2 {
            do { try await publish(serverCount: count) } catch {
                logger.warning("matrix one-time keys not replenished", metadata: ["error": "\(error)"])
            }
        }
        guard decrypting else { return response }
        var decrypted = response
        for (roomID, room) in response.rooms.join {
            decrypted.rooms.join[roomID]?.timeline.events = room.timeline.events.map { decrypt($0, in: roomID, with: device) }
        }
        // A message recorded as unreadable is replaced, once its key came, by an edit of it carrying the plaintext:
        // the timeline keeps both (the unreadable line, then its text as an edit of it).
        for (roomID, events) in late {
            if decrypted.rooms.join[roomID] == nil { decrypted.rooms.join[roomID] = MatrixSyncResponse.JoinedRoom() }
            decrypted.rooms.join[roomID]?.timeline.events.append(contentsOf: events)
        }
        return decrypted
    }

    private func decrypt(_ event: MatrixEvent, in roomID: String, with device: MatrixDeviceCrypto) -> MatrixEvent {
        guard case .encrypted(let content) = event.content else { return event }
        switch device.decrypt(content, in: roomID) {
        case .success(let plaintext):
            return event.decrypted(type: plaintext.type, content: plaintext.content)
        case .failure(let reason):
            if case .missingKey(let sessionID) = reason, event.eventID != nil {
                remember(event, in: roomID, waitingFor: sessionID)
            }
            logger.warning(
                "matrix event not decrypted",
                metadata: ["room": "\(roomID)", "event": "\(event.eventID ?? "-")", "reason": "\(reason)"])
            let body = "[encrypted message sitrep cannot read: \(reason)]"
            return event.decrypted(type: "m.room.message", content: .object(["msgtype": .string("m.notice"), "body": .string(body)]))
        }
    }

    private func remember(_ event: MatrixEvent, in roomID: String, waitingFor sessionID: String) {
        if waitingForKey[sessionID] == nil { waitingOrder.append(sessionID) }
        waitingForKey[sessionID, default: []].append((roomID, event))
        while waitingForKey.values.reduce(0, { $0 + $1.count }) > Self.maximumWaiting, !waitingOrder.isEmpty {
            waitingForKey[waitingOrder.removeFirst()] = nil
        }
    }

    /// The edit that replaces `event` (recorded as unreadable) with its plaintext, now that its key is here; nil
    /// when it still does not decrypt to a message.
    private func lateReplacement(of event: MatrixEvent, in roomID: String, with device: MatrixDeviceCrypto)
        -> MatrixEvent?
    {
        guard case .encrypted(let content) = event.content, let originalID = event.eventID,
            case .success(let plaintext) = device.decrypt(content, in: roomID), plaintext.type == "m.room.message",
            case .object(let fields) = plaintext.content, case .string(let body)? = fields["body"]
        else { return nil }
        var replacement = event.decrypted(
            type: "m.room.message",
            content: .object([
                "msgtype": .string("m.text"), "body": .string("* " + body),
                "m.new_content": .object(["msgtype": .string("m.text"), "body": .string(body)]),
                "m.relates_to": .object(["rel_type": .string("m.replace"), "event_id": .string(originalID)]),
            ]))
        replacement.eventID = originalID + "~decrypted"
        return replacement
    }

    /// The sealed state to store with the batch's checkpoint, when it changed since last stored.
    func sealedAlongside() -> [StreamCheckpoint] {
        guard changed, let device else { return [] }
        do {
            let sealed = try device.seal(key: key)
            changed = false
            return [StreamCheckpoint(stream: Self.stream, position: sealed)]
        } catch {
            logger.error("matrix encryption state not sealed", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// `content` (an `m.room.message`) encrypted for `roomID`, whose members are `members`: the room's Megolm key
    /// goes to every member device that lacks it first (Olm sessions opened with claimed one-time keys).
    /// `rotation`: the room's own key rotation setting.
    func encrypt(
        _ content: MatrixJSONValue, in roomID: String, members: [String],
        rotation: MatrixRotationPeriod = MatrixRotationPeriod()
    ) async throws -> MatrixEncryptedContent {
        guard let device else { throw MatrixCryptoUnavailable() }
        let memberDevices = try await deviceKeys(of: members)
        let due = try device.devicesToShare(
            roomID: roomID, members: Set(members), devices: memberDevices, now: clock().milliseconds,
            rotation: MatrixDeviceCrypto.Rotation(room: rotation))
        let withoutSession = due.filter { !device.hasSession(with: $0) }
        if !withoutSession.isEmpty {
            let claimed = try await client.claimKeys(
                MatrixKeysClaimRequest(devices: withoutSession.map { ($0.userID, $0.deviceID) }))
            for target in withoutSession {
                guard let oneTimeKey = claimed.oneTimeKeys[target.userID]?[target.deviceID]?.values.first else {
                    logger.warning(
                        "matrix device has no one-time key left; it cannot read the bot's messages until it uploads more",
                        metadata: ["user": "\(target.userID)", "device": "\(target.deviceID)"])
                    continue
                }
                do { try device.startSession(with: target, oneTimeKey: oneTimeKey) } catch {
                    logger.warning("matrix Olm session not opened", metadata: ["device": "\(target.deviceID)", "error": "\(error)"])
                }
            }
            changed = true
        }
        let messages = try device.roomKeyMessages(roomID: roomID, to: due.filter { device.hasSession(with: $0) })
        if !messages.isEmpty {
            // Encrypting moved the Olm sessions' ratchets: store them before the messages leave. Restarted from an
            // older state, the bot would encrypt its next room key at a message index those devices have already
            // used, and they could not read it (nor anything the bot says with that key).
            try await store.append([], checkpoint: StreamCheckpoint(stream: Self.stream, position: try device.seal(key: key)))
            try await client.sendToDevice(
                MatrixSendToDeviceRequest(messages: messages), eventType: "m.room.encrypted",
                transactionID: MatrixTransactionID(parts: ["room-key", roomID, "\(clock().milliseconds)", "\(UInt64.random(in: 0...UInt64.max))"]))
        }
        return try device.encrypt(type: "m.room.message", content: content, in: roomID)
    }

    /// Whether `userID` has a device that takes encrypted messages (published, self-signed keys): what Element
    /// checks before it opens a direct-message room encrypted. False when the homeserver cannot tell.
    func takesEncryptedMessages(_ userID: String) async -> Bool {
        do { return try await !deviceKeys(of: [userID]).isEmpty } catch {
            logger.warning("matrix device keys unreadable", metadata: ["user": "\(userID)", "error": "\(error)"])
            return false
        }
    }

    /// The devices of `users`, from the cache unless a user is new or their list changed.
    private func deviceKeys(of users: [String]) async throws -> [MatrixDeviceKeys] {
        let missing = users.filter { devices[$0] == nil || stale.contains($0) }
        if !missing.isEmpty {
            let answer = try await client.queryKeys(of: missing)
            for user in missing {
                devices[user] = (answer.deviceKeys[user] ?? [:]).values.filter { $0.userID == user && $0.isSelfSigned }
                stale.remove(user)
            }
        }
        return users.flatMap { devices[$0] ?? [] }
    }
}

/// Encryption is configured but the device has not started (the homeserver was never reached).
struct MatrixCryptoUnavailable: Error, CustomStringConvertible {
    var description: String { "the bot's Matrix device is not ready to encrypt yet" }
}
