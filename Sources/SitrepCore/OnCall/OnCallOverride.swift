/// Someone taking a schedule's shifts over for a while (`!override`, `!oncall take`): during [start, end) the
/// schedule has `person` on call whatever its layers say. When overrides overlap, the one created last wins.
public struct OnCallOverride: Sendable, Hashable, Codable {
    /// The store's id; nil before it is stored.
    public var id: Int64?
    public var schedule: String
    public var person: ChatIdentity
    public var start: Timestamp
    public var end: Timestamp
    /// Who asked for it, and when; the order of creation decides between overlapping overrides.
    public var createdBy: ChatIdentity
    public var createdAt: Timestamp

    public init(
        id: Int64? = nil, schedule: String, person: ChatIdentity, start: Timestamp, end: Timestamp,
        createdBy: ChatIdentity, createdAt: Timestamp
    ) {
        self.id = id
        self.schedule = schedule
        self.person = person
        self.start = start
        self.end = end
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// Whether it is in force at `instant`.
    public func covers(_ instant: Timestamp) -> Bool { start <= instant && instant < end }
}
