import SitrepCore

extension SitrepConfig {
    /// Who is paged when an incident is not acknowledged: teams, named policies and the policy of each severity.
    /// Empty by default: nobody is paged.
    public struct Escalation: Sendable, Equatable {
        /// Team name → members, as written: nick entries are kept even when `people.allow_nick_identities` is false
        /// and they are ignored (``SitrepConfig/timerPolicy`` drops them, ``SitrepConfig/warnings`` names them).
        public var teams: [String: [ChatIdentity]]
        /// Policy name → policy. Nick entries in `notify:` lists are always paged; the responder rights a page gives
        /// in its incident follow `people.allow_nick_identities` like every other right.
        public var policies: [String: EscalationPolicy]
        /// The policy name of each severity listed under `by_severity`; the others use ``defaultPolicyName``.
        public var policyNameBySeverity: [Severity: String]

        /// The policy of severities not listed in `by_severity`, if a policy of this name exists.
        public static let defaultPolicyName = "default"

        public init(
            teams: [String: [ChatIdentity]] = [:],
            policies: [String: EscalationPolicy] = [:],
            policyNameBySeverity: [Severity: String] = [:]
        ) {
            self.teams = teams
            self.policies = policies
            self.policyNameBySeverity = policyNameBySeverity
        }
    }

    /// Deadlines and reminders per severity, SLA targets per priority. Empty by default: no timers.
    public struct Timers: Sendable, Equatable {
        /// Fraction of an SLA target at which to warn, in (0, 1).
        public var warningThreshold: Double
        /// Roles whose absence is reminded after `SeverityTimers.roleDeadline`; each is one of `incidents.roles`.
        public var requiredRoles: [String]
        /// Only the severities written in the file; the others have no timers.
        public var bySeverity: [Severity: SeverityTimers]
        public var slaByPriority: [Priority: SLATarget]

        public static let defaultWarningThreshold = 0.8

        public init(
            warningThreshold: Double = Timers.defaultWarningThreshold,
            requiredRoles: [String] = [],
            bySeverity: [Severity: SeverityTimers] = [:],
            slaByPriority: [Priority: SLATarget] = [:]
        ) {
            self.warningThreshold = warningThreshold
            self.requiredRoles = requiredRoles
            self.bySeverity = bySeverity
            self.slaByPriority = slaByPriority
        }
    }

    /// The escalation and timer settings as the pure timer planner takes them. Nick entries of teams and of
    /// `people.commanders` are left out unless nick identities are allowed, as in ``permissions``.
    public var timerPolicy: TimerPolicy {
        let allowNicks = people.allowNickIdentities
        var bySeverity: [Severity: EscalationPolicy] = [:]
        for (severity, name) in escalation.policyNameBySeverity {
            bySeverity[severity] = escalation.policies[name]
        }
        return TimerPolicy(
            escalationBySeverity: bySeverity,
            defaultEscalation: escalation.policies[Escalation.defaultPolicyName],
            timersBySeverity: timers.bySeverity,
            slaByPriority: timers.slaByPriority,
            warningThreshold: timers.warningThreshold,
            teams: escalation.teams.mapValues { $0.filter { allowNicks || $0.isAuthenticated } },
            commanders: permissions.commanders,
            requiredRoles: timers.requiredRoles
        )
    }
}
