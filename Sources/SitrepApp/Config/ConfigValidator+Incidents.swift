import SitrepCore

/// The store, incident and people settings: the database location, channel naming, severity, roles, the priority
/// matrix and the identities that hold rights.
extension ConfigValidator {
    mutating func validateIncidents(_ raw: RawIncidents?) -> SitrepConfig.Incidents {
        let prefix = checked(raw?.channelPrefix, "incidents.channel_prefix", IRCNameRules.channelPrefixProblem)
        return SitrepConfig.Incidents(
            channelPrefix: prefix ?? ConfigDefaults.channelPrefix,
            announceChannel: checked(raw?.announceChannel, "incidents.announce_channel", IRCNameRules.channelProblem),
            defaultSeverity: validateSeverity(raw?.defaultSeverity),
            roles: validateRoles(raw?.roles),
            priorityMatrix: validatePriorityMatrix(raw?.priorityMatrix),
            grantChatRights: raw?.grantChatRights ?? false
        )
    }

    mutating func validatePeople(_ raw: RawPeople?) -> SitrepConfig.People {
        SitrepConfig.People(
            commanders: context.identities(raw?.commanders ?? [], "people.commanders"),
            responders: context.identities(raw?.responders ?? [], "people.responders"),
            allowNickIdentities: raw?.allowNickIdentities ?? false
        )
    }

    private mutating func validateSeverity(_ text: String?) -> Severity {
        guard let text else { return ConfigDefaults.defaultSeverity }
        return context.severity(text, "incidents.default_severity") ?? ConfigDefaults.defaultSeverity
    }

    private mutating func validateRoles(_ raw: [String?]?) -> [String] {
        guard let raw else { return ConfigDefaults.roles }
        if raw.isEmpty {
            report("incidents.roles", "must list at least one role, e.g. [commander, comms, scribe, ops]")
        }
        let roles = validateList(raw, "incidents.roles", IRCNameRules.roleProblem)
        var seen: [String: Int] = [:]
        for (index, role) in raw.enumerated() {
            guard let role else { continue }
            if let first = seen[role] {
                report(
                    "incidents.roles[\(index)]",
                    "duplicate of incidents.roles[\(first)] \(IRCNameRules.quoted(role))"
                )
            } else {
                seen[role] = index
            }
        }
        return roles
    }

    /// 3 rows (impact high, medium, low) of 3 priorities (urgency high, medium, low); every wrong row and cell is
    /// reported by its own key path.
    private mutating func validatePriorityMatrix(_ raw: [RawPriorityRow?]?) -> PriorityMatrix {
        let keyPath = "incidents.priority_matrix"
        guard let raw else { return .itil }
        if raw.count != 3 {
            report(keyPath, "must have 3 rows (impact high, medium, low), got \(raw.count)")
        }
        var rows: [[Priority]] = []
        for (rowIndex, row) in raw.enumerated() {
            let rowPath = "\(keyPath)[\(rowIndex)]"
            guard let items = row?.items else {
                report(rowPath, "expected a list of 3 priorities (urgency high, medium, low)")
                continue
            }
            if items.count != 3 {
                report(rowPath, "must have 3 priorities (urgency high, medium, low), got \(items.count)")
            }
            rows.append(
                items.enumerated().compactMap { column, text in priority(text, "\(rowPath)[\(column)]") }
            )
        }
        return (try? PriorityMatrix(rows)) ?? .itil
    }

    private mutating func priority(_ text: String?, _ keyPath: String) -> Priority? {
        let names = Priority.allCases.map(\.description).joined(separator: ", ")
        guard let text else {
            report(keyPath, "is empty; expected one of \(names)")
            return nil
        }
        let digits = text.uppercased().hasPrefix("P") ? Int(text.dropFirst()) : nil
        guard let priority = digits.flatMap(Priority.init(rawValue:)) else {
            report(keyPath, "must be one of \(names), got \(IRCNameRules.quoted(text))")
            return nil
        }
        return priority
    }
}
