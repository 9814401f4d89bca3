/// One timer firing as the store keeps it, in one transaction: the claim of the timer, the incident change and
/// the timeline entries that record it, the incident's pending timers after it (the next escalation tier among
/// them), and what the firing sends. A crash before that transaction leaves the timer pending (it fires late
/// after the restart); a crash after it leaves the next tier planned and the effect recorded, unsettled, so the
/// restarted process sends it again (marked) unless the chat server's echo had confirmed it.
public struct StoredFiring: Sendable {
    /// What the firing sends, encoded by the caller: a restart sends it again while it is unsettled.
    public struct Effect: Sendable, Equatable {
        /// The effect's claim key (`timer INC-4/escalation/tier-1`): also the cause of its sends.
        public var key: String
        public var payload: String

        public init(key: String, payload: String) {
            self.key = key
            self.payload = payload
        }
    }

    public var timer: IncidentTimer.ID
    public var firedAt: Timestamp
    public var incident: Incident
    public var entries: [TimelineEntry]
    /// The incident's pending timers after this firing; replaces its earlier plan as `replaceTimers` does.
    public var nextPlan: [IncidentTimer]
    /// Recorded against the effect's claim when an active/standby pair claimed it already, else as a claim of
    /// a single instance (holder "", epoch 0).
    public var effect: Effect?

    public init(
        timer: IncidentTimer.ID, firedAt: Timestamp, incident: Incident, entries: [TimelineEntry],
        nextPlan: [IncidentTimer], effect: Effect?
    ) {
        self.timer = timer
        self.firedAt = firedAt
        self.incident = incident
        self.entries = entries
        self.nextPlan = nextPlan
        self.effect = effect
    }
}
