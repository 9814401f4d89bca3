import SitrepCore

/// The JSON export of one incident (`sitrep export --format json`): every field of the incident, its
/// follow-ups, its chain head and verification, and the full transcript with each entry's hash.
///
/// Decoding it back gives the same value; `IntegrityCheck.verify(export:)` recomputes its chain offline, so a
/// copy can be checked against the head it carries (and the head against one recorded elsewhere).
public struct IncidentExport: Sendable, Codable, Equatable {
    /// Names this layout.
    public static let currentFormat = "sitrep-incident-export-v1"

    public var format: String
    public var incident: Incident
    public var followUps: [FollowUp]
    public var chain: Chain
    public var entries: [Entry]

    /// The chain as recorded and as recomputed when the export was made.
    public struct Chain: Sendable, Codable, Equatable {
        /// `TimelineChain.version`: how `hash` values were computed.
        public var encoding: String
        public var head: ChainHead
        public var verification: ChainVerification
    }

    /// One timeline entry, flat, with its hash.
    public struct Entry: Sendable, Codable, Equatable {
        public var sequence: Int64
        public var timeMs: Int64
        /// The same instant in ISO 8601 UTC, for people; `timeMs` is what is hashed.
        public var time: String
        public var kind: TimelineEntry.Kind
        public var author: String
        public var account: String?
        public var text: String
        public var detail: String?
        /// Not covered by the hash (see `TimelineChain`).
        public var keyEvent: Bool
        /// Hex SHA-256; nil if the stored row had none.
        public var hash: ChainHash?

        enum CodingKeys: String, CodingKey {
            case sequence, time, kind, author, account, text, detail, hash
            case timeMs = "time_ms"
            case keyEvent = "key_event"
        }

        public init(_ chained: ChainedEntry) {
            let entry = chained.entry
            sequence = entry.sequence
            timeMs = entry.time.milliseconds
            time = entry.time.description
            kind = entry.kind
            author = entry.author
            account = entry.account
            text = entry.text
            detail = entry.detail?.encoded
            keyEvent = entry.isKeyEvent
            hash = chained.hash
        }

        /// The timeline entry of `incidentID` this describes.
        public func timelineEntry(incidentID: Int64) -> TimelineEntry {
            TimelineEntry(
                incidentID: incidentID, sequence: sequence, time: Timestamp(milliseconds: timeMs), kind: kind,
                author: author, account: account, text: text, detail: detail.map { TimelineDetail($0) }, isKeyEvent: keyEvent)
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, incident, chain, entries
        case followUps = "follow_ups"
    }
}
