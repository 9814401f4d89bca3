/// The content of a room event, decoded by event type into what a bot reads.
///
/// Unknown types, and known types whose content does not have the required fields (a redacted event, a buggy
/// client), become `.other`: the event is still delivered, with its type, and can be ignored.
public enum MatrixEventContent: Sendable, Equatable {
    /// `m.room.message`.
    case message(MatrixMessageContent)
    /// `m.room.member`: `state_key` is the user it is about.
    case member(MatrixMemberContent)
    /// `m.room.topic`.
    case topic(String)
    /// `m.room.name`.
    case name(String)
    /// `m.room.power_levels`.
    case powerLevels(MatrixPowerLevels)
    /// `m.room.redaction`: `redacts` is the redacted event (from `content` in room version 11+, else top level).
    case redaction(redacts: String?, reason: String?)
    /// `m.room.create`.
    case create(MatrixCreateContent)
    /// `m.room.encryption`: the room is end-to-end encrypted from here on, its Megolm keys replaced as `rotation`
    /// says (when it says).
    case encryption(algorithm: String, rotation: MatrixRotationPeriod = MatrixRotationPeriod())
    /// `m.room.encrypted`: a message encrypted for the room's devices (Megolm).
    case encrypted(MatrixEncryptedContent)
    /// `m.room.canonical_alias`: the room's main address (`#ops:example.org`), if it has one.
    case canonicalAlias(String?)
    /// Anything else, or content that did not decode.
    case other

    /// Decodes the content at `key` for an event of `type`; never throws.
    static func decode<Key: CodingKey>(
        type: String, from container: KeyedDecodingContainer<Key>, forKey key: Key, redacts: String?
    ) -> MatrixEventContent {
        func value<T: Decodable>(_ type: T.Type) -> T? { try? container.decode(T.self, forKey: key) }
        switch type {
        case "m.room.message": return value(MatrixMessageContent.self).map { .message($0) } ?? .other
        case "m.room.member": return value(MatrixMemberContent.self).map { .member($0) } ?? .other
        case "m.room.topic": return value(TopicBody.self).map { .topic($0.topic) } ?? .other
        case "m.room.name": return value(NameBody.self).map { .name($0.name) } ?? .other
        case "m.room.power_levels": return value(MatrixPowerLevels.self).map { .powerLevels($0) } ?? .other
        case "m.room.redaction":
            let body = value(RedactionBody.self)
            return .redaction(redacts: body?.redacts ?? redacts, reason: body?.reason)
        case "m.room.create": return value(MatrixCreateContent.self).map { .create($0) } ?? .other
        case "m.room.encryption":
            return value(EncryptionBody.self).map {
                .encryption(
                    algorithm: $0.algorithm,
                    rotation: MatrixRotationPeriod(milliseconds: $0.rotation_period_ms, messages: $0.rotation_period_msgs))
            } ?? .other
        case "m.room.encrypted":
            let content = value(MatrixEncryptedContent.self)
            return .encrypted(content ?? MatrixEncryptedContent(algorithm: nil, ciphertext: nil))
        case "m.room.canonical_alias": return .canonicalAlias(value(AliasBody.self)?.alias)
        default: return .other
        }
    }

    private struct TopicBody: Decodable { var topic: String }
    private struct NameBody: Decodable { var name: String }
    private struct RedactionBody: Decodable {
        var redacts: String?
        var reason: String?
    }
    private struct EncryptionBody: Decodable {
        var algorithm: String
        var rotation_period_ms: Int64?
        var rotation_period_msgs: Int?
    }
    private struct AliasBody: Decodable { var alias: String? }
}

/// `m.room.message` content: the plain `body` is what sitrep reads (never `formatted_body`).
public struct MatrixMessageContent: Sendable, Equatable, Codable {
    /// `m.text`, `m.notice`, `m.emote`, or another type (`m.image`, …) whose `body` is a description.
    public var msgtype: String
    public var body: String
    /// For an edit (`m.relates_to.rel_type == m.replace`): the replacement content.
    public var newContent: NewContent?
    public var relatesTo: Relation?
    /// `m.mentions`: the people the sender meant to notify.
    public var mentions: Mentions?

    /// `m.mentions` as received.
    public struct Mentions: Sendable, Equatable, Codable {
        public var userIDs: [String]?

        public init(userIDs: [String]?) {
            self.userIDs = userIDs
        }

        enum CodingKeys: String, CodingKey { case userIDs = "user_ids" }
    }

    /// The replacement in an edit.
    public struct NewContent: Sendable, Equatable, Codable {
        public var msgtype: String?
        public var body: String

        public init(msgtype: String?, body: String) {
            self.msgtype = msgtype
            self.body = body
        }
    }

    /// `m.relates_to`: an edit (`rel_type` `m.replace`), a thread, or a reply (`m.in_reply_to`).
    public struct Relation: Sendable, Equatable, Codable {
        public var relType: String?
        public var eventID: String?
        public var inReplyTo: InReplyTo?

        public init(relType: String? = nil, eventID: String? = nil, inReplyTo: InReplyTo? = nil) {
            self.relType = relType
            self.eventID = eventID
            self.inReplyTo = inReplyTo
        }

        /// The event a reply answers.
        public struct InReplyTo: Sendable, Equatable, Codable {
            public var eventID: String

            public init(eventID: String) {
                self.eventID = eventID
            }

            enum CodingKeys: String, CodingKey { case eventID = "event_id" }
        }

        enum CodingKeys: String, CodingKey {
            case relType = "rel_type"
            case eventID = "event_id"
            case inReplyTo = "m.in_reply_to"
        }
    }

    public init(
        msgtype: String, body: String, newContent: NewContent? = nil, relatesTo: Relation? = nil,
        mentions: Mentions? = nil
    ) {
        self.msgtype = msgtype
        self.body = body
        self.newContent = newContent
        self.relatesTo = relatesTo
        self.mentions = mentions
    }

    /// The event this one edits, when it is an edit.
    public var editedEventID: String? {
        relatesTo?.relType == "m.replace" ? relatesTo?.eventID : nil
    }

    enum CodingKeys: String, CodingKey {
        case msgtype, body
        case newContent = "m.new_content"
        case relatesTo = "m.relates_to"
        case mentions = "m.mentions"
    }
}

/// `m.room.member` content.
public struct MatrixMemberContent: Sendable, Equatable, Codable {
    /// `join`, `leave`, `invite`, `ban` or `knock`.
    public var membership: String
    public var displayName: String?
    public var reason: String?

    public init(membership: String, displayName: String? = nil, reason: String? = nil) {
        self.membership = membership
        self.displayName = displayName
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case membership, reason
        case displayName = "displayname"
    }
}

/// `m.room.create` content. In room version 12 the creator(s) hold unlimited power and are not in
/// `m.room.power_levels`' `users`: the creator is the event's sender plus `additional_creators`.
public struct MatrixCreateContent: Sendable, Equatable, Codable {
    public var roomVersion: String?
    public var additionalCreators: [String]?

    public init(roomVersion: String? = nil, additionalCreators: [String]? = nil) {
        self.roomVersion = roomVersion
        self.additionalCreators = additionalCreators
    }

    enum CodingKeys: String, CodingKey {
        case roomVersion = "room_version"
        case additionalCreators = "additional_creators"
    }
}

/// `m.room.power_levels` content: what sitrep needs to tell responders (level ≥ 50) and who may do what.
public struct MatrixPowerLevels: Sendable, Equatable, Codable {
    public var users: [String: Int]
    public var usersDefault: Int

    public init(users: [String: Int] = [:], usersDefault: Int = 0) {
        self.users = users
        self.usersDefault = usersDefault
    }

    /// The level of `userID` (its entry, else `users_default`).
    public func level(of userID: String) -> Int {
        users[userID] ?? usersDefault
    }

    enum CodingKeys: String, CodingKey {
        case users
        case usersDefault = "users_default"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        users = try container.decodeIfPresent([String: Int].self, forKey: .users) ?? [:]
        usersDefault = try container.decodeIfPresent(Int.self, forKey: .usersDefault) ?? 0
    }
}

/// How often a room wants its Megolm keys replaced (`rotation_period_ms`, `rotation_period_msgs` of its
/// `m.room.encryption`); nil where the room does not say.
public struct MatrixRotationPeriod: Sendable, Equatable {
    public var milliseconds: Int64?
    public var messages: Int?

    public init(milliseconds: Int64? = nil, messages: Int? = nil) {
        self.milliseconds = milliseconds
        self.messages = messages
    }
}
