/// `incidents:` as written.
struct RawIncidents: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case channelPrefix = "channel_prefix"
        case announceChannel = "announce_channel"
        case defaultSeverity = "default_severity"
        case roles
        case priorityMatrix = "priority_matrix"
        case grantChatRights = "grant_chat_rights"
    }

    var channelPrefix: String?
    var announceChannel: String?
    var defaultSeverity: String?
    var roles: [String?]?
    /// `nil` elements are `null` rows.
    var priorityMatrix: [RawPriorityRow?]?
    var grantChatRights: Bool?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        channelPrefix = reader.nonBlankString(.channelPrefix)
        announceChannel = reader.nonBlankString(.announceChannel)
        defaultSeverity = reader.string(.defaultSeverity)
        roles = reader.stringList(.roles)
        priorityMatrix = reader.value(
            [RawPriorityRow?].self,
            .priorityMatrix,
            expected: "a list of 3 rows, each a list of 3 priorities (P1 to P5)"
        )
        grantChatRights = reader.bool(.grantChatRights)
        problems = reader.problems
    }
}

/// One row of `incidents.priority_matrix`, decoded leniently so the validator can name the row that is wrong.
struct RawPriorityRow: Decodable {
    /// `nil` when the row is not a list of strings.
    var items: [String?]?

    init(from decoder: any Decoder) throws {
        items = try? decoder.singleValueContainer().decode([String?].self)
    }
}

/// `people:` as written.
struct RawPeople: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case commanders, responders
        case allowNickIdentities = "allow_nick_identities"
    }

    var commanders: [String?]?
    var responders: [String?]?
    var allowNickIdentities: Bool?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        commanders = reader.stringList(.commanders)
        responders = reader.stringList(.responders)
        allowNickIdentities = reader.bool(.allowNickIdentities)
        problems = reader.problems
    }
}
