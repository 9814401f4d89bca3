import Matrix
import OlmCrypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The bot device's end-to-end encryption state and rules, with no network: its Olm account, the Olm sessions to
/// other devices, the Megolm sessions it can decrypt with (inbound) and the one per room it encrypts with
/// (outbound). The caller (the Matrix edge) feeds it what `/sync` brings (to-device messages, one-time key
/// counts), asks it for what to upload, claim and send, and stores `seal(key:)` with the sync checkpoint.
///
/// Not thread-safe: one owner (an actor).
public final class MatrixDeviceCrypto {
    public let userID: String
    public let deviceID: String
    let account: OlmAccount
    let inbox: OlmInbox
    /// Inbound Megolm sessions by session id, with the room and sender key they were received for.
    var inbound: [String: InboundGroup] = [:]
    /// The outbound Megolm session per room; not sealed: a restart starts new ones (a message index is never
    /// reused after a crash).
    var outbound: [String: OutboundGroup] = [:]
    /// Whether the device keys were uploaded.
    public private(set) var deviceKeysPublished = false

    /// How many one-time keys the server should hold for others to start sessions with.
    public static let oneTimeKeyTarget = 50

    struct InboundGroup {
        var roomID: String
        var senderKey: String
        var session: MegolmInboundSession
    }

    struct OutboundGroup {
        var session: MegolmOutboundSession
        var createdAt: Int64
        var messages: Int
        /// `user|device` of every device the session key went to.
        var sharedWith: Set<String>
        var sharedUsers: Set<String>
    }

    /// A new device: a fresh account, nothing published yet.
    public convenience init(userID: String, deviceID: String) throws {
        try self.init(account: try OlmAccount(), userID: userID, deviceID: deviceID, sessions: [:])
    }

    init(account: OlmAccount, userID: String, deviceID: String, sessions: [String: [OlmSession]]) throws {
        self.userID = userID
        self.deviceID = deviceID
        self.account = account
        inbox = OlmInbox(account: account, userID: userID, sessions: sessions)
    }

    // MARK: Keys to publish

    /// What to upload now: the device keys the first time, and one-time keys up to `oneTimeKeyTarget` given the
    /// count the server holds (`device_one_time_keys_count.signed_curve25519`; nil: unknown, treated as 0).
    /// Nil when nothing is needed. Call `published()` once the server accepted it.
    public func keysToUpload(serverCount: Int?) throws -> MatrixKeysUploadRequest? {
        let missing = Self.oneTimeKeyTarget - (serverCount ?? 0)
        if missing > 0, try account.unpublishedOneTimeKeys().isEmpty {
            try account.generateOneTimeKeys(min(missing, account.maxOneTimeKeys / 2))
        }
        let oneTimeKeys = missing > 0 ? try account.signedOneTimeKeys(userID: userID, deviceID: deviceID) : [:]
        guard !deviceKeysPublished || !oneTimeKeys.isEmpty else { return nil }
        return MatrixKeysUploadRequest(
            deviceKeys: deviceKeysPublished ? nil : try account.deviceKeys(userID: userID, deviceID: deviceID),
            oneTimeKeys: oneTimeKeys)
    }

    /// The server accepted the last `keysToUpload`.
    public func published() {
        deviceKeysPublished = true
        account.markKeysAsPublished()
    }

    /// This device's Curve25519 and Ed25519 keys (for the README's "verify the bot's device" and for tests).
    public func identityKeys() throws -> OlmIdentityKeys { try account.identityKeys() }

    // MARK: Receiving

    /// What a to-device message was.
    public enum Received: Sendable, Equatable {
        /// A Megolm session for `roomID`, from `sender`.
        case roomKey(roomID: String, sessionID: String, sender: String)
        /// Something else this device does not act on (its type).
        case ignored(String)
        /// Refused (why): not for this device, no session, misaddressed, or a room key whose claimed sender key is
        /// not the one the Olm message came from.
        case refused(String)
    }

    /// Takes the room keys among `events` (Olm-encrypted `m.room_key`); returns what each event was.
    public func receive(_ events: [MatrixToDeviceEvent]) -> [Received] {
        events.map { event in
            guard event.type == "m.room.encrypted" else { return .ignored(event.type) }
            do {
                let payload = try inbox.open(event, as: MatrixJSONValue.self)
                guard payload.type == "m.room_key" else { return .ignored(payload.type) }
                let key = try MatrixJSON.decode(MatrixRoomKey.self, from: try MatrixJSON.encode(payload.content))
                guard key.algorithm == MatrixEncryptedContent.megolm, let senderKey = event.encrypted?.senderKey
                else { return .refused("room key for another algorithm") }
                let session = try MegolmInboundSession(sessionKey: key.sessionKey)
                guard try session.id() == key.sessionID else { return .refused("room key with a wrong session id") }
                inbound[key.sessionID] = InboundGroup(roomID: key.roomID, senderKey: senderKey, session: session)
                return .roomKey(roomID: key.roomID, sessionID: key.sessionID, sender: event.sender)
            } catch {
                return .refused("\(error)")
            }
        }
    }

    /// Why a room event could not be decrypted.
    public enum Undecryptable: Error, Sendable, Equatable, CustomStringConvertible {
        /// The session's key has not arrived (yet): it may come later over Olm.
        case missingKey(sessionID: String)
        /// Not a Megolm event, or it does not decrypt, or it names another room.
        case invalid(String)

        public var description: String {
            switch self {
            case .missingKey(let id): "the key of session \(id) has not arrived"
            case .invalid(let reason): reason
            }
        }
    }

    /// The event inside an `m.room.encrypted` room event of `roomID`: its type and content.
    public func decrypt(_ content: MatrixEncryptedContent, in roomID: String) -> Result<
        MegolmPlaintext<MatrixJSONValue>, Undecryptable
    > {
        guard content.algorithm == MatrixEncryptedContent.megolm, let sessionID = content.sessionID else {
            return .failure(.invalid("not a Megolm event"))
        }
        guard let group = inbound[sessionID] else { return .failure(.missingKey(sessionID: sessionID)) }
        guard group.roomID == roomID else { return .failure(.invalid("the session belongs to another room")) }
        do {
            return .success(try group.session.open(content, in: roomID, as: MatrixJSONValue.self).event)
        } catch {
            return .failure(.invalid("\(error)"))
        }
    }

    // MARK: Sending

    /// When a room's outbound session is replaced: after this long or this many messages (the room's
    /// `rotation_period_ms` / `rotation_period_msgs` when it sets them), or when someone it was shared with left.
    public struct Rotation: Sendable, Equatable {
        public var periodMilliseconds: Int64
        public var messages: Int
        public init(periodMilliseconds: Int64 = 604_800_000, messages: Int = 100) {
            self.periodMilliseconds = periodMilliseconds
            self.messages = messages
        }

        /// The rotation a room asks for in its `m.room.encryption`, the defaults (a week, 100 messages) where it
        /// says nothing; a period under an hour or under one message is raised to that (as Element does, so a
        /// bad setting cannot make every message a new session).
        public init(room: MatrixRotationPeriod) {
            let defaults = Rotation()
            self.init(
                periodMilliseconds: max(3_600_000, room.milliseconds ?? defaults.periodMilliseconds),
                messages: max(1, room.messages ?? defaults.messages))
        }
    }

    /// The devices among `devices` (the room's members' devices) that do not have the room's current outbound
    /// session yet, after rotating it if due (`members`: who is in the room now). Devices whose keys are not
    /// self-signed are left out.
    public func devicesToShare(
        roomID: String, members: Set<String>, devices: [MatrixDeviceKeys], now: Int64, rotation: Rotation = Rotation()
    ) throws -> [MatrixDeviceKeys] {
        if let group = outbound[roomID],
            now - group.createdAt >= rotation.periodMilliseconds || group.messages >= rotation.messages
                || !group.sharedUsers.isSubset(of: members)
        {
            outbound[roomID] = nil
        }
        if outbound[roomID] == nil {
            let session = try MegolmOutboundSession()
            // Our own messages come back through /sync: keep the key to read them.
            let own = try MegolmInboundSession(sessionKey: try session.sessionKey())
            inbound[try session.id()] = InboundGroup(
                roomID: roomID, senderKey: try account.identityKeys().curve25519, session: own)
            outbound[roomID] = OutboundGroup(session: session, createdAt: now, messages: 0, sharedWith: [], sharedUsers: [])
        }
        let shared = outbound[roomID]?.sharedWith ?? []
        return devices.filter {
            !shared.contains("\($0.userID)|\($0.deviceID)") && $0.isSelfSigned && $0.curve25519 != nil
                && !($0.userID == userID && $0.deviceID == deviceID)
        }
    }

    /// Whether this device has an Olm session with `device`.
    public func hasSession(with device: MatrixDeviceKeys) -> Bool {
        device.curve25519.flatMap { inbox.session(for: $0) } != nil
    }

    /// Opens an Olm session to `device` with a one-time key claimed from it (checked to be signed by it).
    public func startSession(with device: MatrixDeviceKeys, oneTimeKey: MatrixSignedKey) throws {
        guard let theirKey = device.curve25519, oneTimeKey.isSigned(by: device) else {
            throw OlmInboxRejection.misaddressed("the one-time key of \(device.deviceID) is not signed by it")
        }
        let session = try OlmSession(outboundFrom: account, theirIdentityKey: theirKey, theirOneTimeKey: oneTimeKey.key)
        inbox.adopt(session, theirKey: theirKey)
    }

    /// The `m.room_key` of `roomID`'s outbound session, Olm-encrypted to each of `devices` it has a session with:
    /// user → device → content, ready for `sendToDevice`. Those devices count as shared with.
    public func roomKeyMessages(roomID: String, to devices: [MatrixDeviceKeys]) throws
        -> [String: [String: MatrixEncryptedContent]]
    {
        guard var group = outbound[roomID] else { return [:] }
        let ours = try account.identityKeys()
        let key = MatrixRoomKey(roomID: roomID, sessionID: try group.session.id(), sessionKey: try group.session.sessionKey())
        let keyValue = try MatrixJSON.decode(MatrixJSONValue.self, from: try MatrixJSON.encode(key))
        var messages: [String: [String: MatrixEncryptedContent]] = [:]
        for device in devices {
            guard let theirKey = device.curve25519, let ed25519 = device.ed25519, let session = inbox.session(for: theirKey)
            else { continue }
            let payload = OlmPayload(
                type: "m.room_key", content: keyValue, sender: userID, recipient: device.userID,
                recipientEd25519: ed25519, senderEd25519: ours.ed25519)
            messages[device.userID, default: [:]][device.deviceID] = try session.toDeviceContent(
                payload, recipientKey: theirKey, senderKey: ours.curve25519)
            group.sharedWith.insert("\(device.userID)|\(device.deviceID)")
            group.sharedUsers.insert(device.userID)
        }
        outbound[roomID] = group
        return messages
    }

    /// `type`/`content` encrypted with `roomID`'s outbound session (call `devicesToShare` and share first).
    public func encrypt(type: String, content: MatrixJSONValue, in roomID: String) throws -> MatrixEncryptedContent {
        guard var group = outbound[roomID] else {
            throw OlmInboxRejection.misaddressed("no outbound session for \(roomID)")
        }
        let encrypted = try group.session.roomEventContent(
            MegolmPlaintext(type: type, content: content, roomID: roomID),
            senderKey: try account.identityKeys().curve25519, deviceID: deviceID)
        group.messages += 1
        outbound[roomID] = group
        return encrypted
    }
}
