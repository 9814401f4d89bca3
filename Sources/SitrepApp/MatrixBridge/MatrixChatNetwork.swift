import Commands
import IncidentRuntime
import Logging
import Matrix
import MatrixClient
import SitrepCore
import Synchronization

/// The Matrix homeserver as the incident coordinator sees it: rooms are channels (by room id; aliases are
/// resolved on first use), people are user ids addressed by display name, responders are members with power
/// level 50 or more. Actions become requests queued per room on a `MatrixOutbox`: replies as `m.notice`, pages
/// as `m.text` in a direct-message room the bot keeps per person, topics as `m.room.topic` state, invites.
///
/// Every send carries a transaction id derived from what it does: its cause (`ChatCause.current`: the event
/// being handled, set by `MatrixSyncService`, or a claimed timer firing, set by the coordinator) and the part
/// number, or, for sends with no cause (alerts), the target and text. A retry after a timeout, or the same event handled again after a restart,
/// reuses the id and the homeserver posts the message once.
public final class MatrixChatNetwork: ChatNetwork, Sendable {

    public let id: String
    public let botUserID: String
    let client: MatrixClient
    public let outbox: MatrixOutbox
    /// Encrypts what the bot says in encrypted rooms; nil when `matrix.encryption_key_*` is not set.
    let crypto: MatrixCryptoEngine?
    /// `matrix.incident_room_encryption`.
    let incidentRoomEncryption: SitrepConfig.Matrix.IncidentRoomEncryption
    let logger: Logger
    let clock: @Sendable () -> Timestamp
    /// The rooms from the config (announce room, rooms to join) whose members may join incident rooms.
    let accessRooms: [String]
    /// Whether the last `/sync` succeeded (set by the sync loop), for readiness and metrics.
    private let syncing = Atomic<Bool>(false)

    struct State {
        var directory = MatrixRoomDirectory()
        /// Direct-message rooms by user id, created on the first page.
        var directRooms: [String: String] = [:]
        /// How the sends are numbered for their transaction ids.
        var transactions = MatrixTransactionNumbering()
        /// The topic a room was created with, by the alias it was joined as: the `setTopic` that follows the
        /// creation in the same actions is then not sent again.
        var topicsAtCreation: [String: String] = [:]
        /// Whether the next incident room is created encrypted: decided as the incident is declared (from the room
        /// it was declared in), used when its room is created right after.
        var encryptNextIncidentRoom = false
    }

    let state = Mutex(State())
    /// `matrix.command_prefix`: what sitrep answers to besides its name, and how hints write commands.
    let commandPrefix: String

    public init(
        id: String = ConfigDefaults.matrixNetwork, botUserID: String, client: MatrixClient,
        outbox: MatrixOutbox = MatrixOutbox(), accessRooms: [String] = [], logger: Logger,
        clock: @escaping @Sendable () -> Timestamp = IRCIncidentBridge.now,
        commandPrefix: String = CommandHint.defaultPrefix, crypto: MatrixCryptoEngine? = nil,
        incidentRoomEncryption: SitrepConfig.Matrix.IncidentRoomEncryption = .auto
    ) {
        self.crypto = crypto
        self.incidentRoomEncryption = incidentRoomEncryption
        self.id = id
        self.accessRooms = accessRooms
        self.commandPrefix = commandPrefix
        self.botUserID = botUserID
        self.client = client
        self.outbox = outbox
        self.logger = logger
        self.clock = clock
    }

    public func commandPrefix(in target: String) -> String { commandPrefix }
    public func commandForms(in target: String) -> CommandForms { .matrix }

    // MARK: What the sync loop tells it

    /// Whether the homeserver answered the last `/sync`.
    public var isConnected: Bool { syncing.load(ordering: .relaxed) }

    /// Records whether the homeserver answers `/sync`.
    func setConnected(_ connected: Bool) { syncing.store(connected, ordering: .relaxed) }

    /// Learns rooms, members and power levels from a `/sync` response; returns the rooms that turned encrypted.
    public func absorb(_ response: MatrixSyncResponse) -> [String] {
        state.withLock { $0.directory.absorb(response) }
    }

    /// Learns a room's current state (fetched at start: incremental syncs do not repeat it).
    public func learn(state events: [MatrixEvent], in roomID: String) {
        state.withLock { state in for event in events { state.directory.learn(event, in: roomID) } }
    }

    /// Records that `alias` is `roomID` (learned from a join).
    public func remember(alias: String, roomID: String) {
        state.withLock { $0.directory.remember(alias: alias, roomID: roomID) }
    }

    /// Whether the room is known to be end-to-end encrypted.
    public func isEncrypted(_ roomID: String) -> Bool {
        state.withLock { $0.directory.isEncrypted(roomID) }
    }

    // MARK: ChatNetwork

    public func botNick() async -> String {
        MatrixUserID(botUserID).map { String($0.localpart) } ?? botUserID
    }

    /// The bot's user id, its display name in the room of `target` (when it has one) and its localpart.
    public func botNames(in target: String) async -> [String] {
        let displayName = state.withLock { state in
            state.directory.roomID(for: target).flatMap { state.directory.displayName(of: botUserID, in: $0) }
        }
        return [botUserID] + (displayName.map { [$0] } ?? []) + [await botNick()]
    }

    /// Room ids (`!x:server`, or `!x` from room version 12 on), room aliases (`#x:server`) and user ids
    /// (`@x:server`).
    public func owns(_ target: String) -> Bool {
        MatrixName.isMatrixName(target)
    }

    public func isChannelOperator(_ nick: String, in channel: String) async -> Bool {
        state.withLock { state in
            guard let roomID = state.directory.roomID(for: channel),
                let userID = state.directory.userID(named: nick, in: roomID)
            else { return false }
            return state.directory.isOperator(userID, in: roomID)
        }
    }

    /// A Matrix person is paged by user id (which `perform` turns into their direct-message room).
    public func nick(for person: ChatIdentity) async -> String {
        person.name
    }

    public func members(of channel: String) async -> [Participant] {
        state.withLock { state in
            guard let roomID = state.directory.roomID(for: channel) else { return [] }
            return state.directory.members(of: roomID).map {
                Participant(identity: .account($0.userID, network: id), nick: $0.name)
            }
        }
    }

    /// Incident rooms are named by a local alias, `#inc-N:server` (the configured prefix without its IRC sigil),
    /// created on first use.
    public func incidentConfiguration(_ base: IncidentConfiguration, declaredIn target: String?)
        -> IncidentConfiguration
    {
        var configuration = base
        configuration.network = id
        configuration.channelPrefix = "#" + base.channelPrefix.drop { "#&+!".contains($0) }
        configuration.channelSuffix = ":" + (MatrixUserID(botUserID).map { String($0.serverName) } ?? "")
        let encrypt =
            crypto != nil
            && (incidentRoomEncryption == .always
                || (incidentRoomEncryption == .auto && target.map { isEncrypted(roomIDOrSelf($0)) } == true))
        state.withLock { $0.encryptNextIncidentRoom = encrypt }
        return configuration
    }

    /// A room is keyed by its alias when the bot knows one (incident rooms are declared by alias before they
    /// exist), else by its id; ids, aliases and user ids are case-sensitive.
    public func nameKey(_ name: String) -> String {
        state.withLock { $0.directory.key(for: name) }
    }

    /// Matrix bodies are plain text already (sitrep never reads `formatted_body`).
    public func plainText(_ text: String) -> String {
        text
    }

    /// Queues each action on its room's lane. A `join` of an incident alias that does not exist yet creates the
    /// room, named after the topic set next in the same actions (`inc-N: title`).
    public func perform(_ actions: [ChatAction]) async {
        for (index, action) in actions.enumerated() {
            let transactionID = nextTransactionID(for: action)
            let lane = action.target
            let topic = actions[(index + 1)...].lazy.compactMap { later -> String? in
                if case .setTopic(lane, let topic) = later { topic } else { nil }
            }.first
            outbox.enqueue(lane: lane) { [self] in
                do {
                    try await carryOut(action, transactionID: transactionID, topic: topic)
                } catch {
                    logger.error(
                        "matrix action failed",
                        metadata: ["target": "\(lane)", "action": "\(action.kindName)", "error": "\(error)"])
                }
            }
        }
    }

    /// The transaction id of the next send: derived from the event that caused it, or from its content.
    func nextTransactionID(for action: ChatAction) -> MatrixTransactionID {
        let now = clock().milliseconds
        return state.withLock {
            $0.transactions.next(
                causedBy: ChatCause.current, kind: action.kindName, target: action.target, text: action.text, now: now)
        }
    }

    private func carryOut(_ action: ChatAction, transactionID: MatrixTransactionID, topic: String?) async throws {
        switch action {
        case .say(let target, let text), .post(let target, let text):
            // A line naming someone by user id (a page, a new lead), or addressed to someone by name (the reply
            // to a declaration), mentions them, so their client notifies them.
            var mentions = MatrixMentions.userIDs(in: text)
            if let name = MatrixMentions.addressee(of: text),
                let room = state.withLock({ $0.directory.roomID(for: target) }),
                let userID = state.withLock { $0.directory.userID(named: name, near: room) }, !mentions.contains(userID)
            {
                mentions.append(userID)
            }
            try await send(.notice(text, mentioning: mentions), to: target, transactionID: transactionID)
        case .message(let target, let text):
            let mentions = target.hasPrefix("@") ? [target] : []
            try await send(.text(text, mentioning: mentions), to: target, transactionID: transactionID)
        case .join(let channel):
            _ = try await joinedRoomID(channel, creatingWithTopic: topic)
        case .part(let channel, _):
            try await client.leave(try await roomID(channel))
        case .setTopic(let channel, let topic):
            // Created with this topic a moment ago: setting it again would only add a second topic event.
            if state.withLock({ $0.topicsAtCreation.removeValue(forKey: channel) }) == topic { return }
            try await client.setTopic(topic, in: try await roomID(channel))
        case .invite(let nick, let channel), .awaitedInvite(let nick, let channel):
            let roomID = try await roomID(channel)
            guard let userID = state.withLock({ $0.directory.userID(named: nick, near: roomID) }) else {
                logger.warning("matrix invite: no such user", metadata: ["name": "\(nick)", "room": "\(roomID)"])
                return
            }
            try await client.invite(userID, to: roomID)
        case .grantRights(let person, let channel):
            let roomID = try await roomID(channel)
            let userID: String? =
                MatrixUserID(person.identity.name) != nil
                ? person.identity.name : state.withLock { $0.directory.userID(named: person.nick, near: roomID) }
            try await MatrixRightsGranter(client: client, logger: logger).raise(
                of: userID, named: person.nick, in: roomID, transactionID: transactionID)
        }
    }

    private func send(_ message: MatrixOutgoingMessage, to target: String, transactionID: MatrixTransactionID)
        async throws
    {
        let roomID = target.hasPrefix("@") ? try await directRoom(with: target) : try await roomID(target)
        if let crypto, isEncrypted(roomID) {
            let (members, rotation) = state.withLock {
                ($0.directory.members(of: roomID).map(\.userID), $0.directory.rotation(of: roomID))
            }
            let content = try MatrixJSON.decode(MatrixJSONValue.self, from: try MatrixJSON.encode(message))
            let encrypted = try await crypto.encrypt(content, in: roomID, members: members, rotation: rotation)
            _ = try await client.sendEncrypted(encrypted, to: roomID, transactionID: transactionID)
            return
        }
        _ = try await client.send(message, to: roomID, transactionID: transactionID)
    }

    /// The room id a known alias stands for, or `target` itself.
    private func roomIDOrSelf(_ target: String) -> String {
        state.withLock { $0.directory.roomID(for: target) } ?? target
    }

    /// The room id for a room id or alias, joining the alias's room the first time it is used.
    private func roomID(_ target: String) async throws -> String {
        if let known = state.withLock({ $0.directory.roomID(for: target) }) { return known }
        return try await joinedRoomID(target)
    }

    /// Joins a room by id or alias; an alias on the bot's own server that does not exist yet (a new incident
    /// room) is created, private, with that alias, named `inc-N: title` after `topic`.
    private func joinedRoomID(_ target: String, creatingWithTopic topic: String? = nil) async throws -> String {
        let roomID: String
        do {
            roomID = try await client.join(target)
        } catch MatrixClientError.rejected(_, 404, _) where isOwnAlias(target) {
            let localpart = String(target.dropFirst().prefix { $0 != ":" })
            let title = topic.flatMap { topic in topic.range(of: "] ").map { String(topic[$0.upperBound...]) } }
            let name = title.map { "\(localpart): \($0)" } ?? localpart
            let open = state.withLock {
                $0.directory.roomsWhoseMembersMayJoin(
                    accessRooms: accessRooms, directRooms: Set($0.directRooms.values), botUserID: botUserID)
            }
            let encrypted = state.withLock { state in
                defer { state.encryptNextIncidentRoom = false }
                return state.encryptNextIncidentRoom
            }
            do {
                roomID = try await client.createRoom(
                    MatrixCreateRoomRequest(
                        name: name, topic: topic, aliasLocalpart: localpart, encrypted: encrypted,
                        joinRestrictedTo: open))
            } catch MatrixClientError.rejected(_, 400, let error) where error.errcode == "M_UNSUPPORTED_ROOM_VERSION" {
                // A homeserver without restricted rooms: invite only, as before; the bot invites people as it pages
                // them and as they are named lead or to a role.
                logger.warning("matrix homeserver has no restricted rooms; incident rooms are invite only")
                roomID = try await client.createRoom(
                    MatrixCreateRoomRequest(name: name, topic: topic, aliasLocalpart: localpart, encrypted: encrypted))
            }
            logger.info(
                "matrix room created", metadata: ["alias": "\(target)", "room": "\(roomID)", "open to": "\(open)"])
            // Its encryption known before the first line goes, not from the next sync.
            if encrypted { await learnState(of: roomID) }
            if let topic { state.withLock { $0.topicsAtCreation[target] = topic } }
        }
        if target.hasPrefix("#") { remember(alias: target, roomID: roomID) }
        return roomID
    }

    private func isOwnAlias(_ target: String) -> Bool {
        guard target.hasPrefix("#"), let server = MatrixUserID(botUserID)?.serverName else { return false }
        return target.hasSuffix(":" + server)
    }
}
