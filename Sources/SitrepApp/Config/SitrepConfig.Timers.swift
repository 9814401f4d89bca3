import SitrepCore

extension SitrepConfig {
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
}
