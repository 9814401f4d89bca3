import SitrepCore

/// Reads and checks `escalation:`: teams, policies of tiers, and the policy of each severity, into
/// ``SitrepConfig/Escalation``. References to teams, schedules and policies are checked against the names written
/// in the file, so a name with its own problem is not reported twice.
enum EscalationConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case teams, policies
        case bySeverity = "by_severity"
    }

    /// One policy under `escalation.policies:`.
    enum PolicyKey: String, CodingKey, CaseIterable {
        case repeatLast = "repeat_last"
        case tiers
    }

    /// One element of a policy's `tiers:`.
    enum TierKey: String, CodingKey, CaseIterable {
        case notify, after
    }

    /// `escalation.by_severity:`: a policy name per severity.
    enum SeverityKey: String, CodingKey, CaseIterable {
        case sev1, sev2, sev3, sev4
    }

    /// Accepted forms of a `notify:` entry, for error messages.
    static let pageTargetForm =
        "write NAME, account:NAME or nick:NAME for a person, team:NAME for a team, schedule:NAME for who is on call"

    /// The most times `repeat_last` may page the last tier again.
    static let maxRepeatLast = 20

    static func read(_ escalation: ConfigReader<Key>?, context: ConfigContext) -> SitrepConfig.Escalation {
        let writtenTeams = escalation?.entryValues([String?].self, .teams, expected: "a list of people")
        let writtenPolicies = escalation?.entryMappings(PolicyKey.self, .policies, expected: "a mapping with tiers")
        let bySeverity = escalation?.mapping(SeverityKey.self, .bySeverity)

        let teamNames = (writtenTeams ?? []).map(\.name)
        var teams: [String: [ChatIdentity]] = [:]
        for (name, members) in writtenTeams ?? [] {
            let keyPath = "escalation.teams.\(name)"
            _ = context.checked(name, keyPath, IRCNameRules.roleProblem)
            guard let members else { continue }
            if members.isEmpty { context.report(keyPath, "must list at least one member") }
            teams[name] = context.identities(members, keyPath)
        }
        var policies: [String: EscalationPolicy] = [:]
        for (name, policy) in writtenPolicies ?? [] {
            let keyPath = "escalation.policies.\(name)"
            _ = context.checked(name, keyPath, IRCNameRules.roleProblem)
            guard let policy else { continue }
            policies[name] = self.policy(policy, name: name, teamNames: teamNames)
        }
        let policyNames = (writtenPolicies ?? []).map(\.name)
        return SitrepConfig.Escalation(
            teams: teams,
            policies: policies,
            policyNameBySeverity: policyReferences(bySeverity, policyNames: policyNames)
        )
    }

    private static func policy(_ policy: ConfigReader<PolicyKey>, name: String, teamNames: [String]) -> EscalationPolicy {
        let context = policy.context
        let writtenRepeatLast = policy.int(.repeatLast)
        let writtenTiers = policy.elementMappings(TierKey.self, .tiers, expected: "a list of tiers")

        let repeatLast = writtenRepeatLast ?? 0
        if !(0...maxRepeatLast).contains(repeatLast) {
            policy.report(.repeatLast, "must be between 0 and \(maxRepeatLast), got \(repeatLast)")
        }
        let tiersPath = policy.path(.tiers)
        guard let writtenTiers = context.required(writtenTiers, tiersPath) else {
            return EscalationPolicy(name: name, tiers: [], repeatLast: repeatLast)
        }
        if writtenTiers.isEmpty { context.report(tiersPath, "must list at least one tier") }
        var tiers: [EscalationPolicy.Tier] = []
        for (index, tier) in writtenTiers.enumerated() {
            guard let tier else {
                context.report("\(tiersPath)[\(index)]", "expected a mapping with notify and after")
                continue
            }
            tiers.append(self.tier(tier, teamNames: teamNames))
        }
        return EscalationPolicy(name: name, tiers: tiers, repeatLast: repeatLast)
    }

    private static func tier(_ tier: ConfigReader<TierKey>, teamNames: [String]) -> EscalationPolicy.Tier {
        let context = tier.context
        let notify = tier.stringList(.notify)
        let writtenAfter = tier.duration(.after)

        let after = context.required(writtenAfter, tier.path(.after)) ?? .zero
        if writtenAfter != nil && after <= .zero { tier.report(.after, "must be positive") }
        let notifyPath = tier.path(.notify)
        let entries = context.required(notify, notifyPath) ?? []
        if notify?.isEmpty == true { context.report(notifyPath, "must list at least one person or team") }
        let targets = entries.enumerated().compactMap { index, entry in
            pageTarget(entry, "\(notifyPath)[\(index)]", teamNames: teamNames, context)
        }
        return EscalationPolicy.Tier(notify: targets, after: after)
    }

    /// A `notify:` entry: `team:NAME`, `schedule:NAME`, or an identity entry as in `people:`. Nick entries are
    /// accepted whatever `people.allow_nick_identities` says: the responder rights a page gives follow that setting.
    private static func pageTarget(_ entry: String?, _ keyPath: String, teamNames: [String], _ context: ConfigContext)
        -> PageTarget?
    {
        guard let entry else {
            context.report(keyPath, "is empty; \(pageTargetForm)")
            return nil
        }
        // A Matrix user id (`@bob:example.org`) is a person, whatever follows its colon.
        let kind = entry.hasPrefix("@") ? nil : entry.firstIndex(of: ":").map { entry[..<$0].lowercased() }
        let target: Result<PageTarget, IdentityEntry.Invalid>
        switch kind {
        case "team":
            target = named("team", entry, known: teamNames, section: "escalation.teams").map(PageTarget.team)
        case "schedule":
            target = named("schedule", entry, known: context.scheduleNames, section: "schedules").map(PageTarget.schedule)
        case nil, "account", "nick":
            target = IdentityEntry.parse(entry).map(PageTarget.person)
        case let kind?:
            let written = "\(IRCNameRules.quoted(kind)) in \(IRCNameRules.quoted(entry))"
            target = .failure(.init(reason: "unknown kind \(written); \(pageTargetForm)"))
        }
        switch target {
        case .success(let target): return target
        case .failure(let invalid):
            context.report(keyPath, invalid.reason)
            return nil
        }
    }

    /// The NAME of `KIND:NAME` if it is one of `known` (defined under `section`).
    private static func named(_ kind: String, _ entry: String, known: [String], section: String)
        -> Result<String, IdentityEntry.Invalid>
    {
        let name = String(entry.dropFirst(kind.count + 1))
        guard known.contains(name) else {
            return .failure(.init(reason: unknownName(kind, name, known: known, section: section)))
        }
        return .success(name)
    }

    private static func policyReferences(_ bySeverity: ConfigReader<SeverityKey>?, policyNames: [String])
        -> [Severity: String]
    {
        var names: [Severity: String] = [:]
        for (key, severity) in zip(SeverityKey.allCases, Severity.allCases) {
            guard let bySeverity, let name = bySeverity.string(key) else { continue }
            guard policyNames.contains(name) else {
                bySeverity.report(key, unknownName("policy", name, known: policyNames, section: "escalation.policies"))
                continue
            }
            names[severity] = name
        }
        return names
    }

    /// `unknown team "dab"; did you mean dba?`, or where to define it when nothing is close.
    static func unknownName(_ noun: String, _ name: String, known: [String], section: String) -> String {
        let unknown = "unknown \(noun) \(IRCNameRules.quoted(name))"
        if let suggestion = UnknownKey.suggestion(for: name, known: known) {
            return "\(unknown); did you mean \(suggestion)?"
        }
        if known.isEmpty { return "\(unknown); define it under \(section)" }
        return "\(unknown); expected one of \(known.joined(separator: ", "))"
    }
}
