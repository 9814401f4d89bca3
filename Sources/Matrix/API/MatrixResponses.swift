/// `POST /user/{userId}/filter` answer: the id to pass as `/sync?filter=`.
public struct MatrixFilterCreated: Sendable, Equatable, Decodable {
    public var filterID: String
    private enum CodingKeys: String, CodingKey { case filterID = "filter_id" }
}

/// The answer to `PUT /rooms/{id}/send/…/{txnId}`, `PUT /state/…` and `PUT /redact/…`: the event's id. A retry
/// with the same transaction id gets the same event id back and posts nothing new (*observed* on Synapse 1.163).
public struct MatrixEventCreated: Sendable, Equatable, Decodable {
    public var eventID: String
    private enum CodingKeys: String, CodingKey { case eventID = "event_id" }
}

/// The answer to `POST /createRoom` and `POST /join/{roomIdOrAlias}`.
public struct MatrixRoomCreated: Sendable, Equatable, Decodable {
    public var roomID: String
    private enum CodingKeys: String, CodingKey { case roomID = "room_id" }
}

/// The `{}` answer of calls that return nothing (`/leave`, `/invite`, `/kick`).
public struct MatrixEmptyResponse: Sendable, Equatable, Decodable {}

/// `GET /joined_rooms`.
public struct MatrixJoinedRooms: Sendable, Equatable, Decodable {
    public var joinedRooms: [String]
    private enum CodingKeys: String, CodingKey { case joinedRooms = "joined_rooms" }
}

/// The body sitrep sends as an `m.room.message`: plain text only (no `formatted_body`), a notice for replies, and
/// `m.mentions` naming the people a page must reach.
public struct MatrixOutgoingMessage: Sendable, Equatable, Encodable {
    public var msgtype: String
    public var body: String
    public var mentionedUserIDs: [String]

    /// A reply or announcement: `m.notice`, which other bots do not answer.
    public static func notice(_ body: String, mentioning users: [String] = []) -> MatrixOutgoingMessage {
        MatrixOutgoingMessage(msgtype: "m.notice", body: body, mentionedUserIDs: users)
    }

    /// A message that must reach people (a page): `m.text`, so clients notify as for a person's message.
    public static func text(_ body: String, mentioning users: [String] = []) -> MatrixOutgoingMessage {
        MatrixOutgoingMessage(msgtype: "m.text", body: body, mentionedUserIDs: users)
    }

    private enum CodingKeys: String, CodingKey {
        case msgtype, body
        case mentions = "m.mentions"
    }

    private struct Mentions: Encodable {
        var user_ids: [String]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(msgtype, forKey: .msgtype)
        try container.encode(body, forKey: .body)
        try container.encode(Mentions(user_ids: mentionedUserIDs), forKey: .mentions)
    }
}
