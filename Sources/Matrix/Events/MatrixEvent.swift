/// One room event as the client-server API delivers it in a `/sync` timeline or state section.
///
/// `content` is decoded by `type` into the few shapes a bot reads; anything else, and any content a client
/// malformed, is kept as `.other` rather than failing the whole sync: one odd event must not stop the bot.
public struct MatrixEvent: Sendable, Equatable, Decodable {
    public var type: String
    /// Absent only in stripped state (invites).
    public var eventID: String?
    public var sender: String
    /// Milliseconds since the Unix epoch, set by the sender's homeserver; absent only in stripped state.
    public var originServerTS: Int64?
    /// Present (possibly empty) exactly for state events.
    public var stateKey: String?
    public var content: MatrixEventContent
    public var unsigned: Unsigned

    /// Server-added data: not signed, not part of the event's hash.
    public struct Unsigned: Sendable, Equatable {
        /// Set on the sender's own events, when they were sent with the same access token: own-echo detection.
        public var transactionID: String?
        /// The redaction that emptied this event's content, if it was redacted before it was delivered.
        public var redactedBy: String?
        /// The state this event replaced (for state events), decoded like `content`.
        public var previousContent: MatrixEventContent?

        public init(
            transactionID: String? = nil, redactedBy: String? = nil, previousContent: MatrixEventContent? = nil
        ) {
            self.transactionID = transactionID
            self.redactedBy = redactedBy
            self.previousContent = previousContent
        }
    }

    public init(
        type: String, eventID: String?, sender: String, originServerTS: Int64?, stateKey: String? = nil,
        content: MatrixEventContent, unsigned: Unsigned = Unsigned()
    ) {
        self.type = type
        self.eventID = eventID
        self.sender = sender
        self.originServerTS = originServerTS
        self.stateKey = stateKey
        self.content = content
        self.unsigned = unsigned
    }

    /// True if the server delivered this event already redacted (its content is gone).
    public var isRedacted: Bool { unsigned.redactedBy != nil }

    private enum CodingKeys: String, CodingKey {
        case type, sender, content, unsigned, redacts
        case eventID = "event_id"
        case originServerTS = "origin_server_ts"
        case stateKey = "state_key"
    }

    private enum UnsignedKeys: String, CodingKey {
        case transactionID = "transaction_id"
        case redactedBy = "redacted_by"
        case redactedBecause = "redacted_because"
        case previousContent = "prev_content"
    }

    private struct RedactedBecause: Decodable {
        var event_id: String?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        eventID = try container.decodeIfPresent(String.self, forKey: .eventID)
        sender = try container.decode(String.self, forKey: .sender)
        originServerTS = try container.decodeIfPresent(Int64.self, forKey: .originServerTS)
        stateKey = try container.decodeIfPresent(String.self, forKey: .stateKey)
        // Before room version 11 a redaction names its target at the top level, from 11 on inside content.
        let topLevelRedacts = try? container.decodeIfPresent(String.self, forKey: .redacts)
        content = MatrixEventContent.decode(type: type, from: container, forKey: .content, redacts: topLevelRedacts)
        unsigned = Unsigned()
        guard let nested = try? container.nestedContainer(keyedBy: UnsignedKeys.self, forKey: .unsigned) else { return }
        unsigned.transactionID = try? nested.decodeIfPresent(String.self, forKey: .transactionID)
        if let by = try? nested.decodeIfPresent(String.self, forKey: .redactedBy) {
            unsigned.redactedBy = by
        } else if let because = try? nested.decodeIfPresent(RedactedBecause.self, forKey: .redactedBecause) {
            unsigned.redactedBy = because.event_id ?? ""
        }
        if nested.contains(.previousContent) {
            unsigned.previousContent = MatrixEventContent.decode(
                type: type, from: nested, forKey: .previousContent, redacts: nil)
        }
    }
}
