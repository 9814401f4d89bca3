/// The server-side filter the bot's `/sync` uses: room timelines, state and read receipts (which say whether a
/// page in a direct-message room was read); no presence, no typing, no account data; with a timeline limit
/// that bounds one batch.
///
/// Created once with `POST /user/{userId}/filter`; the returned id goes into every `/sync?filter=`.
public struct MatrixSyncFilter: Sendable, Equatable, Encodable {
    /// Most timeline events per room in one response; beyond it the timeline is `limited`.
    public var timelineLimit: Int

    public init(timelineLimit: Int = 100) {
        precondition(timelineLimit > 0, "a timeline limit must be positive")
        self.timelineLimit = timelineLimit
    }

    private struct NoEvents: Encodable {
        let not_types = ["*"]
    }

    private struct OnlyReceipts: Encodable {
        let types = ["m.receipt"]
    }

    private struct RoomFilter: Encodable {
        let account_data = NoEvents()
        let ephemeral = OnlyReceipts()
        let timeline: TimelineFilter
    }

    private struct TimelineFilter: Encodable {
        let limit: Int
    }

    private enum CodingKeys: String, CodingKey {
        case accountData = "account_data"
        case presence, room
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(NoEvents(), forKey: .accountData)
        try container.encode(NoEvents(), forKey: .presence)
        try container.encode(RoomFilter(timeline: TimelineFilter(limit: timelineLimit)), forKey: .room)
    }
}
