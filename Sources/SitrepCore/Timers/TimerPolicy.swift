/// Who gets paged, and after how long, when an incident is not acknowledged: ordered tiers.
public struct EscalationPolicy: Sendable, Equatable {
    /// One step of escalation: the people and teams paged, and how long after the previous step (for the
    /// first tier: after the declaration, unless the severity's acknowledge deadline says otherwise).
    public struct Tier: Sendable, Equatable {
        public var notify: [PageTarget]
        public var after: Duration

        public init(notify: [PageTarget], after: Duration) {
            self.notify = notify
            self.after = after
        }
    }

    public var name: String
    public var tiers: [Tier]
    /// Page the last tier again this many more times, `after` apart, while nobody acknowledges.
    public var repeatLast: Int

    public init(name: String, tiers: [Tier], repeatLast: Int = 0) {
        self.name = name
        self.tiers = tiers
        self.repeatLast = repeatLast
    }

    /// How many pages the policy can send in all: the tiers, then the repeats of the last one.
    public var pageCount: Int { tiers.isEmpty ? 0 : tiers.count + repeatLast }

    /// The tier paged at step `level` (1-based); repeats map to the last tier.
    public func tier(atLevel level: Int) -> Tier? {
        guard level >= 1, level <= pageCount else { return nil }
        return tiers[min(level, tiers.count) - 1]
    }
}

/// Someone to page: a person (by account or nick), a configured team, or whoever an on-call schedule has on call
/// when the page is sent.
public enum PageTarget: Sendable, Hashable, CustomStringConvertible {
    case person(ChatIdentity)
    case team(String)
    case schedule(String)

    public var description: String {
        switch self {
        case .person(let identity): identity.name
        case .team(let name): "team \(name)"
        case .schedule(let name): "schedule \(name)"
        }
    }
}

/// The deadlines of one severity. Nil means "no such timer".
public struct SeverityTimers: Sendable, Equatable {
    /// Not acknowledged within this → page tier 1 (then the policy's tier delays).
    public var acknowledgeDeadline: Duration?
    /// The lead must post `/update` this often.
    public var updateEvery: Duration?
    /// Somebody must `/lead` within this.
    public var commanderDeadline: Duration?
    /// Configured roles must be filled within this.
    public var roleDeadline: Duration?
    /// Resolved but not closed for this long → remind.
    public var closeReminderAfter: Duration?
    /// The lead silent this long in the channel → nag; twice this → page the backup commander.
    public var quietCommanderAfter: Duration?

    public init(
        acknowledgeDeadline: Duration? = nil, updateEvery: Duration? = nil, commanderDeadline: Duration? = nil,
        roleDeadline: Duration? = nil, closeReminderAfter: Duration? = nil, quietCommanderAfter: Duration? = nil
    ) {
        self.acknowledgeDeadline = acknowledgeDeadline
        self.updateEvery = updateEvery
        self.commanderDeadline = commanderDeadline
        self.roleDeadline = roleDeadline
        self.closeReminderAfter = closeReminderAfter
        self.quietCommanderAfter = quietCommanderAfter
    }
}

/// SLA targets of one priority, counted from the declaration.
public struct SLATarget: Sendable, Equatable {
    /// Time to acknowledge.
    public var response: Duration
    /// Time to resolve.
    public var resolution: Duration

    public init(response: Duration, resolution: Duration) {
        self.response = response
        self.resolution = resolution
    }
}

/// Everything the timer planner needs from the operator's configuration.
public struct TimerPolicy: Sendable, Equatable {
    /// Escalation policy by severity; severities not listed use `defaultEscalation`.
    public var escalationBySeverity: [Severity: EscalationPolicy]
    public var defaultEscalation: EscalationPolicy?
    public var timersBySeverity: [Severity: SeverityTimers]
    public var slaByPriority: [Priority: SLATarget]
    /// Fraction of an SLA target at which to warn (default 0.8).
    public var warningThreshold: Double
    /// Team name → members.
    public var teams: [String: [ChatIdentity]]
    /// Commanders in order: the backup paged when a lead goes quiet is the first one who is not the lead.
    public var commanders: [ChatIdentity]
    /// Roles that must be filled (`roleUnset` reminders).
    public var requiredRoles: [String]
    /// Schedule name → who it has on call, as of the moment the app resolved it (just before paging); a schedule
    /// missing here, or with nobody on call, pages nobody.
    public var onCall: [String: [ChatIdentity]] = [:]

    public init(
        escalationBySeverity: [Severity: EscalationPolicy] = [:], defaultEscalation: EscalationPolicy? = nil,
        timersBySeverity: [Severity: SeverityTimers] = [:], slaByPriority: [Priority: SLATarget] = [:],
        warningThreshold: Double = 0.8, teams: [String: [ChatIdentity]] = [:], commanders: [ChatIdentity] = [],
        requiredRoles: [String] = []
    ) {
        self.escalationBySeverity = escalationBySeverity
        self.defaultEscalation = defaultEscalation
        self.timersBySeverity = timersBySeverity
        self.slaByPriority = slaByPriority
        self.warningThreshold = warningThreshold
        self.teams = teams
        self.commanders = commanders
        self.requiredRoles = requiredRoles
    }

    public func escalation(for severity: Severity) -> EscalationPolicy? {
        escalationBySeverity[severity] ?? defaultEscalation
    }

    public func timers(for severity: Severity) -> SeverityTimers {
        timersBySeverity[severity] ?? SeverityTimers()
    }

    /// The people a page target means (a team's members, or the person).
    public func people(_ target: PageTarget) -> [ChatIdentity] {
        switch target {
        case .person(let identity): [identity]
        case .team(let name): teams[name] ?? []
        case .schedule(let name): onCall[name] ?? []
        }
    }
}
