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
}
