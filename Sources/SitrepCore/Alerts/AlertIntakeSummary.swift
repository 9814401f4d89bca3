/// What one webhook call did, returned to the sender as JSON (`{"received":3,"alerts":[17,18,19],…}`) so a
/// person testing a hook with curl sees the alert numbers and any incident declared.
public struct AlertIntakeSummary: Sendable, Equatable, Codable {
    /// Alerts in the payload.
    public var received: Int
    /// The numbers of the stored alerts the payload touched, in payload order (resolved notices of alerts sitrep
    /// never saw have none).
    public var alerts: [Int64]
    /// New alerts (including one firing again after it resolved).
    public var new: Int
    /// Repeats of alerts already firing.
    public var repeated: Int
    /// Alerts that resolved now.
    public var resolved: Int
    /// New or resolved alerts an `ignore` rule matched.
    public var ignored: Int
    /// Incidents declared from these alerts.
    public var declared: [Int64]
    /// The incident alerts were attached to, when they joined one already open.
    public var attachedTo: Int64?

    public init(
        received: Int,
        alerts: [Int64] = [],
        new: Int = 0,
        repeated: Int = 0,
        resolved: Int = 0,
        ignored: Int = 0,
        declared: [Int64] = [],
        attachedTo: Int64? = nil
    ) {
        self.received = received
        self.alerts = alerts
        self.new = new
        self.repeated = repeated
        self.resolved = resolved
        self.ignored = ignored
        self.declared = declared
        self.attachedTo = attachedTo
    }

    /// The counts of `recordings` of a payload of `received` alerts, planned as `triage`.
    public init(received: Int, recordings: [AlertRecording], triage: AlertTriage) {
        self.init(received: received, alerts: recordings.map(\.alert.id), ignored: triage.ignored.count)
        for recording in recordings {
            switch recording.change {
            case .opened, .refired: new += 1
            case .repeated: repeated += 1
            case .resolved: resolved += 1
            case .resolvedAgain: break
            }
        }
        if !triage.attach.isEmpty { attachedTo = triage.attachTo }
    }
}
