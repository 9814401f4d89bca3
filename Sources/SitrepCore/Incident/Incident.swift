/// An incident: what it is, how bad, who leads it, where it is run, and where it stands in its lifecycle.
///
/// A plain value. The lifecycle machine changes it; the store persists it together with the timeline entries
/// that record each change, in one transaction.
public struct Incident: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var title: String
    public var severity: Severity
    public var priority: Priority?
    /// `category` or `category/sub`.
    public var category: String?
    /// Affected services.
    public var services: [String]
    public var state: IncidentState
    /// The incident channel (`#inc-N` by default).
    public var channel: ChatChannel
    public var declaredBy: Participant
    /// The incident commander currently leading.
    public var lead: Participant?
    /// Role name (commander, comms, scribe, ops, …) → holder.
    public var roles: [String: Participant]
    public var declaredAt: Timestamp
    public var acknowledgedAt: Timestamp?
    public var acknowledgedBy: Participant?
    public var mitigatedAt: Timestamp?
    public var resolvedAt: Timestamp?
    public var closedAt: Timestamp?
    public var rootCause: String?
    public var resolution: String?
    /// The latest stakeholder update (`/update`), shown as the incident's public status.
    public var publicStatus: String?
    public var publicStatusAt: Timestamp?
    /// Escalation tiers paged so far (0 = none).
    public var escalationLevel: Int
    /// When the last tier was paged (by timer or `/escalate`); the next tier's delay counts from here.
    public var lastEscalatedAt: Timestamp?
    /// Reminders are silenced until then (`/snooze`); SEV1 escalation is never snoozed past its deadline.
    public var snoozedUntil: Timestamp?
    /// When the lead last said something in the incident channel (for the quiet-commander reminder).
    public var leadLastSpokeAt: Timestamp?

    public init(
        id: Int64, title: String, severity: Severity, channel: ChatChannel, declaredBy: Participant,
        declaredAt: Timestamp, state: IncidentState = .investigating
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.priority = nil
        self.category = nil
        self.services = []
        self.state = state
        self.channel = channel
        self.declaredBy = declaredBy
        self.lead = nil
        self.roles = [:]
        self.declaredAt = declaredAt
        self.escalationLevel = 0
    }

    /// Open means not closed and not cancelled: the bot stays in its channel and its timers run.
    public var isOpen: Bool { state != .closed && state != .cancelled }
}

/// How bad an incident is; SEV1 is the worst.
public enum Severity: Int, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case sev1 = 1
    case sev2 = 2
    case sev3 = 3
    case sev4 = 4

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `SEV1` … `SEV4`.
    public var description: String { "SEV\(rawValue)" }

    /// Parses `1`, `sev1`, `SEV-1`, `s1`.
    public init?(parsing text: some StringProtocol) {
        var digits = Substring(text.lowercased())
        for prefix in ["sev-", "sev", "s"] where digits.hasPrefix(prefix) {
            digits = digits.dropFirst(prefix.count)
            break
        }
        guard let value = Int(digits), let severity = Severity(rawValue: value) else { return nil }
        self = severity
    }
}

/// ITIL priority, P1 (most urgent) to P5, derived from impact and urgency through `PriorityMatrix`.
public enum Priority: Int, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case p1 = 1, p2, p3, p4, p5

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "P\(rawValue)" }
}

/// Where an incident stands. Transitions are decided by `LifecycleMachine` only.
public enum IncidentState: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case investigating
    case identified
    case mitigated
    case resolved
    case closed
    case cancelled

    public var description: String { rawValue }
}
