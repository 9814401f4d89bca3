import SitrepCore

/// Reads and checks `incidents:`, into ``SitrepConfig/Incidents``: channel naming, the announce channel, the
/// default severity, the roles and the priority matrix.
enum IncidentsConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case channelPrefix = "channel_prefix"
        case announceChannel = "announce_channel"
        case defaultSeverity = "default_severity"
        case roles
        case priorityMatrix = "priority_matrix"
        case grantChatRights = "grant_chat_rights"
    }

    static func read(_ incidents: ConfigReader<Key>?, context: ConfigContext) -> SitrepConfig.Incidents {
        let channelPrefix = incidents?.nonBlankString(.channelPrefix)
        let announceChannel = incidents?.nonBlankString(.announceChannel)
        let defaultSeverity = incidents?.string(.defaultSeverity)
        let roles = incidents?.stringList(.roles)
        let priorityMatrix = incidents?.value(
            [PriorityRow?].self, .priorityMatrix, expected: "a list of 3 rows, each a list of 3 priorities (P1 to P5)")
        let grantChatRights = incidents?.bool(.grantChatRights)

        let prefix = context.checked(channelPrefix, "incidents.channel_prefix", IRCNameRules.channelPrefixProblem)
        return SitrepConfig.Incidents(
            channelPrefix: prefix ?? ConfigDefaults.channelPrefix,
            announceChannel: context.checked(
                announceChannel, "incidents.announce_channel", IRCNameRules.channelProblem),
            defaultSeverity: defaultSeverity.flatMap { context.severity($0, "incidents.default_severity") }
                ?? ConfigDefaults.defaultSeverity,
            roles: self.roles(roles, context),
            priorityMatrix: self.priorityMatrix(priorityMatrix, context),
            grantChatRights: grantChatRights ?? false
        )
    }

    private static func roles(_ written: [String?]?, _ context: ConfigContext) -> [String] {
        guard let written else { return ConfigDefaults.roles }
        if written.isEmpty {
            context.report("incidents.roles", "must list at least one role, e.g. [commander, comms, scribe, ops]")
        }
        let roles = context.checkedList(written, "incidents.roles", IRCNameRules.roleProblem)
        var seen: [String: Int] = [:]
        for (index, role) in written.enumerated() {
            guard let role else { continue }
            if let first = seen[role] {
                context.report(
                    "incidents.roles[\(index)]", "duplicate of incidents.roles[\(first)] \(IRCNameRules.quoted(role))")
            } else {
                seen[role] = index
            }
        }
        return roles
    }

    /// One row of `incidents.priority_matrix`, decoded on its own so the reader can name the row that is wrong.
    private struct PriorityRow: Decodable {
        /// `nil` when the row is not a list of strings.
        var items: [String?]?

        init(from decoder: any Decoder) throws {
            items = try? decoder.singleValueContainer().decode([String?].self)
        }
    }

    /// 3 rows (impact high, medium, low) of 3 priorities (urgency high, medium, low); every wrong row and cell is
    /// reported by its own key path.
    private static func priorityMatrix(_ written: [PriorityRow?]?, _ context: ConfigContext) -> PriorityMatrix {
        let keyPath = "incidents.priority_matrix"
        guard let written else { return .itil }
        if written.count != 3 {
            context.report(keyPath, "must have 3 rows (impact high, medium, low), got \(written.count)")
        }
        var rows: [[Priority]] = []
        for (rowIndex, row) in written.enumerated() {
            let rowPath = "\(keyPath)[\(rowIndex)]"
            guard let items = row?.items else {
                context.report(rowPath, "expected a list of 3 priorities (urgency high, medium, low)")
                continue
            }
            if items.count != 3 {
                context.report(rowPath, "must have 3 priorities (urgency high, medium, low), got \(items.count)")
            }
            rows.append(
                items.enumerated().compactMap { column, text in priority(text, "\(rowPath)[\(column)]", context) }
            )
        }
        return (try? PriorityMatrix(rows)) ?? .itil
    }

    private static func priority(_ text: String?, _ keyPath: String, _ context: ConfigContext) -> Priority? {
        let names = Priority.allCases.map(\.description).joined(separator: ", ")
        guard let text else {
            context.report(keyPath, "is empty; expected one of \(names)")
            return nil
        }
        let digits = text.uppercased().hasPrefix("P") ? Int(text.dropFirst()) : nil
        guard let priority = digits.flatMap(Priority.init(rawValue:)) else {
            context.report(keyPath, "must be one of \(names), got \(IRCNameRules.quoted(text))")
            return nil
        }
        return priority
    }
}

/// Reads `people:`, into ``SitrepConfig/People``: who holds commander and responder rights.
enum PeopleConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case commanders, responders
        case allowNickIdentities = "allow_nick_identities"
    }

    static func read(_ people: ConfigReader<Key>?, context: ConfigContext) -> SitrepConfig.People {
        let commanders = people?.stringList(.commanders)
        let responders = people?.stringList(.responders)
        let allowNickIdentities = people?.bool(.allowNickIdentities)
        return SitrepConfig.People(
            commanders: context.identities(commanders ?? [], "people.commanders"),
            responders: context.identities(responders ?? [], "people.responders"),
            allowNickIdentities: allowNickIdentities ?? false
        )
    }
}
