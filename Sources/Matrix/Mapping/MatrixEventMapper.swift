import SitrepCore

/// Turns Matrix room events into sitrep's network-neutral `ChatEvent`s, the same ones IRC lines become.
///
/// - `m.text` / `m.notice` / `m.emote` → `.message` (plain / notice / action), text from `body`, never from
///   `formatted_body`; a reply's quoted fallback is dropped. Other msgtypes (`m.image`, `m.file`…) → a plain
///   message with their `body` (the file name or description).
/// - An edit (`m.replace`) → `.edit(of:text:)` with the new text; a redaction → `.redaction(of:reason:)`.
/// - Membership: join → `.join`, leave by oneself → `.part`, removed or banned by someone else → `.kick` (the
///   target is the user id), a display-name change → `.nick`; an invite → `.mode("invite @x")`.
/// - Topic → `.topic`; room name, power levels and encryption → `.mode` with a readable text.
/// - Encrypted messages, events delivered already redacted, the room's creation and other state → nothing.
///
/// People are identified by user id (an authenticated `ChatIdentity` on `network`) and addressed by their
/// display name in that room, learned from membership events (the localpart until one is known).
public struct MatrixEventMapper: Sendable {
    public let network: String
    public let botUserID: String
    /// Display names by room id, then user id.
    public private(set) var displayNames: [String: [String: String]] = [:]

    public init(network: String = "matrix", botUserID: String) {
        self.network = network
        self.botUserID = botUserID
    }

    /// The chat events of a whole `/sync` response: joined and left rooms (sorted by id), each in timeline
    /// order, after learning names from the room's state. `receivedAt` stands in for a missing server time.
    public mutating func chatEvents(in response: MatrixSyncResponse, receivedAt: Timestamp) -> [ChatEvent] {
        var events: [ChatEvent] = []
        let rooms = response.rooms.withTimelines
        for roomID in rooms.keys.sorted() {
            guard let room = rooms[roomID] else { continue }
            learn(state: room.state, in: roomID)
            for event in room.timeline.events {
                if let chatEvent = chatEvent(for: event, in: roomID, receivedAt: receivedAt) {
                    events.append(chatEvent)
                }
            }
        }
        return events
    }

    /// Learns display names from state events (which are not themselves chat events).
    public mutating func learn(state: [MatrixEvent], in roomID: String) {
        for event in state {
            if case .member(let member) = event.content, let userID = event.stateKey {
                remember(member, of: userID, in: roomID)
            }
        }
    }

    /// The chat event for one timeline event in `roomID`, or nil for what the timeline does not record.
    public mutating func chatEvent(for event: MatrixEvent, in roomID: String, receivedAt: Timestamp) -> ChatEvent? {
        guard let kind = kind(of: event, in: roomID) else { return nil }
        let time = event.originServerTS.map { Timestamp(milliseconds: $0) } ?? receivedAt
        var chatEvent = ChatEvent(
            kind: kind, channel: ChatChannel(network: network, name: roomID),
            sender: participant(event.sender, in: roomID), time: time, isOwn: event.sender == botUserID,
            id: event.eventID)
        if case .nick = kind, case .member(let old)? = event.unsigned.previousContent {
            chatEvent.sender.nick = old.displayName ?? chatEvent.sender.nick
        }
        return chatEvent
    }

    /// The person behind `userID` as seen in `roomID`.
    public func participant(_ userID: String, in roomID: String) -> Participant {
        let nick = displayNames[roomID]?[userID] ?? MatrixUserID(userID).map { String($0.localpart) } ?? userID
        return Participant(identity: .account(userID, network: network), nick: nick)
    }

    private mutating func kind(of event: MatrixEvent, in roomID: String) -> ChatEvent.Kind? {
        if event.isRedacted { return nil }
        switch event.content {
        case .message(let message):
            return Self.kind(of: message)
        case .member(let member):
            guard let target = event.stateKey else { return nil }
            let previous: MatrixMemberContent? =
                if case .member(let old)? = event.unsigned.previousContent { old } else { nil }
            remember(member, of: target, in: roomID)
            return Self.kind(of: member, previous: previous, target: target, sender: event.sender)
        case .topic(let topic):
            return .topic(text: topic)
        case .name(let name):
            return .mode(text: "name: \(name)")
        case .powerLevels(let levels):
            let previous: MatrixPowerLevels? =
                if case .powerLevels(let old)? = event.unsigned.previousContent { old } else { nil }
            return .mode(text: Self.describe(levels, previous: previous))
        case .redaction(let redacts, let reason):
            return redacts.map { .redaction(of: $0, reason: reason) }
        case .encryption(let algorithm, _):
            return .mode(text: "encryption: \(algorithm)")
        case .create, .encrypted, .canonicalAlias, .other:
            return nil
        }
    }

    private mutating func remember(_ member: MatrixMemberContent, of userID: String, in roomID: String) {
        guard member.membership == "join" || member.membership == "invite", let name = member.displayName,
            !name.isEmpty
        else { return }
        displayNames[roomID, default: [:]][userID] = name
    }
}
