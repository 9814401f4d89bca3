import SitrepCore

/// `escalation:`: teams, policies of tiers, and the policy of each severity. References to teams and policies are
/// checked against the names written in the file, so a name with its own problem is not reported twice.
extension ConfigValidator {
    /// Accepted forms of a `notify:` entry, for error messages.
    static let pageTargetForm =
        "write NAME, account:NAME or nick:NAME for a person, team:NAME for a team, schedule:NAME for who is on call"

    /// The most times `repeat_last` may page the last tier again.
    static let maxRepeatLast = 20

    mutating func validateEscalation(_ raw: RawEscalation?) -> SitrepConfig.Escalation {
        let teamNames = (raw?.teams ?? []).map(\.name)
        var teams: [String: [ChatIdentity]] = [:]
        for entry in raw?.teams ?? [] {
            let keyPath = "escalation.teams.\(entry.name)"
            _ = checked(entry.name, keyPath, IRCNameRules.roleProblem)
            guard let members = entry.value else { continue }
            if members.isEmpty { report(keyPath, "must list at least one member") }
            teams[entry.name] = validateIdentities(members, keyPath)
        }
        var policies: [String: EscalationPolicy] = [:]
        for entry in raw?.policies ?? [] {
            let keyPath = "escalation.policies.\(entry.name)"
            _ = checked(entry.name, keyPath, IRCNameRules.roleProblem)
            guard let policy = entry.value else { continue }
            policies[entry.name] = validatePolicy(policy, name: entry.name, keyPath, teamNames: teamNames)
        }
        let policyNames = (raw?.policies ?? []).map(\.name)
        return SitrepConfig.Escalation(
            teams: teams,
            policies: policies,
            policyNameBySeverity: validatePolicyReferences(raw?.bySeverity, policyNames: policyNames)
        )
    }

    private mutating func validatePolicy(
        _ raw: RawEscalationPolicy, name: String, _ keyPath: String, teamNames: [String]
    ) -> EscalationPolicy {
        let repeatLast = raw.repeatLast ?? 0
        if !(0...Self.maxRepeatLast).contains(repeatLast) {
            report("\(keyPath).repeat_last", "must be between 0 and \(Self.maxRepeatLast), got \(repeatLast)")
        }
        let tiersPath = "\(keyPath).tiers"
        guard let rawTiers = required(raw.tiers, tiersPath) else {
            return EscalationPolicy(name: name, tiers: [], repeatLast: repeatLast)
        }
        if rawTiers.isEmpty { report(tiersPath, "must list at least one tier") }
        var tiers: [EscalationPolicy.Tier] = []
        for (index, element) in rawTiers.enumerated() {
            let tierPath = "\(tiersPath)[\(index)]"
            guard let tier = element.value else {
                report(tierPath, "expected a mapping with notify and after")
                continue
            }
            tiers.append(validateTier(tier, tierPath, teamNames: teamNames))
        }
        return EscalationPolicy(name: name, tiers: tiers, repeatLast: repeatLast)
    }

    private mutating func validateTier(
        _ raw: RawTier, _ keyPath: String, teamNames: [String]
    ) -> EscalationPolicy.Tier {
        let after = required(raw.after, "\(keyPath).after") ?? .zero
        if raw.after != nil && after <= .zero { report("\(keyPath).after", "must be positive") }
        let notifyPath = "\(keyPath).notify"
        let entries = required(raw.notify, notifyPath) ?? []
        if raw.notify?.isEmpty == true { report(notifyPath, "must list at least one person or team") }
        let targets = entries.enumerated().compactMap { index, entry in
            pageTarget(entry, "\(notifyPath)[\(index)]", teamNames: teamNames)
        }
        return EscalationPolicy.Tier(notify: targets, after: after)
    }

    /// A `notify:` entry: `team:NAME`, or an identity entry as in `people:`. Nick entries are accepted whatever
    /// `people.allow_nick_identities` says: the responder rights a page gives follow that setting anyway.
    private mutating func pageTarget(_ entry: String?, _ keyPath: String, teamNames: [String]) -> PageTarget? {
        guard let entry else {
            report(keyPath, "is empty; \(Self.pageTargetForm)")
            return nil
        }
        // A Matrix user id (`@bob:example.org`) is a person, whatever follows its colon.
        let kind = entry.hasPrefix("@") ? nil : entry.firstIndex(of: ":").map { entry[..<$0].lowercased() }
        switch kind {
        case "team":
            return namedTarget("team", entry, keyPath, known: teamNames, section: "escalation.teams", PageTarget.team)
        case "schedule":
            return namedTarget("schedule", entry, keyPath, known: scheduleNames, section: "schedules", PageTarget.schedule)
        case nil, "account", "nick":
            switch IdentityEntry.parse(entry) {
            case .success(let identity): return .person(identity)
            case .failure(let invalid):
                report(keyPath, invalid.reason)
                return nil
            }
        case let kind?:
            let written = "\(IRCNameRules.quoted(kind)) in \(IRCNameRules.quoted(entry))"
            report(keyPath, "unknown kind \(written); \(Self.pageTargetForm)")
            return nil
        }
    }

    /// `KIND:NAME` naming one of `known` (defined under `section`), as `make(NAME)`; else reported and nil.
    private mutating func namedTarget(
        _ kind: String, _ entry: String, _ keyPath: String, known: [String], section: String,
        _ make: (String) -> PageTarget
    ) -> PageTarget? {
        let name = String(entry.dropFirst(kind.count + 1))
        guard known.contains(name) else {
            report(keyPath, unknownName(kind, name, known: known, section: section))
            return nil
        }
        return make(name)
    }

    private mutating func validatePolicyReferences(
        _ raw: RawSeverityNames?, policyNames: [String]
    ) -> [Severity: String] {
        var names: [Severity: String] = [:]
        for severity in Severity.allCases {
            guard let name = raw?.names[severity] else { continue }
            guard policyNames.contains(name) else {
                let keyPath = "escalation.by_severity.sev\(severity.rawValue)"
                report(keyPath, unknownName("policy", name, known: policyNames, section: "escalation.policies"))
                continue
            }
            names[severity] = name
        }
        return names
    }

    /// `unknown team "dab"; did you mean dba?`, or where to define it when nothing is close.
    private func unknownName(_ noun: String, _ name: String, known: [String], section: String) -> String {
        let unknown = "unknown \(noun) \(IRCNameRules.quoted(name))"
        if let suggestion = UnknownKey.suggestion(for: name, known: known) {
            return "\(unknown); did you mean \(suggestion)?"
        }
        if known.isEmpty { return "\(unknown); define it under \(section)" }
        return "\(unknown); expected one of \(known.joined(separator: ", "))"
    }
}
