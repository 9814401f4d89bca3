import SitrepCore

/// `escalation:` as written.
struct RawEscalation: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case teams, policies
        case bySeverity = "by_severity"
    }

    /// Team name → identity entries; `nil` elements are `null` entries.
    var teams: [NamedEntry<[String?]>]?
    var policies: [NamedEntry<RawEscalationPolicy>]?
    var bySeverity: RawSeverityNames?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        teams = reader.namedEntries([String?].self, .teams, expected: "a list of people")
        policies = reader.namedEntries(RawEscalationPolicy.self, .policies, expected: "a mapping with tiers")
        bySeverity = reader.section(RawSeverityNames.self, .bySeverity)
        problems = reader.problems
    }
}

/// One policy under `escalation.policies:` as written.
struct RawEscalationPolicy: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case repeatLast = "repeat_last"
        case tiers
    }

    var repeatLast: Int?
    var tiers: [LenientElement<RawTier>]?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        repeatLast = reader.int(.repeatLast)
        tiers = reader.value([LenientElement<RawTier>].self, .tiers, expected: "a list of tiers")
        problems = reader.problems + (tiers ?? []).flatMap { $0.value?.problems ?? [] }
    }
}

/// One element of a policy's `tiers:` as written.
struct RawTier: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case notify, after
    }

    var notify: [String?]?
    var after: Duration?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        notify = reader.stringList(.notify)
        after = reader.duration(.after)
        problems = reader.problems
    }
}

/// `escalation.by_severity:` as written: a policy name per severity.
struct RawSeverityNames: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case sev1, sev2, sev3, sev4
    }

    var names: [Severity: String] = [:]
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        for key in CodingKeys.allCases {
            names[key.severity] = reader.string(key)
        }
        problems = reader.problems
    }
}

/// `timers:` as written.
struct RawTimers: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case warningThreshold = "warning_threshold"
        case requiredRoles = "required_roles"
        case sev1, sev2, sev3, sev4, sla
    }

    var warningThreshold: Double?
    var requiredRoles: [String?]?
    var bySeverity: [Severity: RawSeverityTimers] = [:]
    var sla: RawSLA?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        warningThreshold = reader.double(.warningThreshold)
        requiredRoles = reader.stringList(.requiredRoles)
        let severityKeys: [(CodingKeys, Severity)] = [(.sev1, .sev1), (.sev2, .sev2), (.sev3, .sev3), (.sev4, .sev4)]
        for (key, severity) in severityKeys {
            bySeverity[severity] = reader.section(RawSeverityTimers.self, key)
        }
        sla = reader.section(RawSLA.self, .sla)
        problems = reader.problems
    }
}

/// `timers.sevN:` as written.
struct RawSeverityTimers: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case acknowledge
        case updateEvery = "update_every"
        case commander, roles
        case closeReminder = "close_reminder"
        case quietCommander = "quiet_commander"
    }

    var durations: [CodingKeys: Duration] = [:]
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        for key in CodingKeys.allCases {
            durations[key] = reader.duration(key)
        }
        problems = reader.problems
    }
}

/// `timers.sla:` as written: targets per priority.
struct RawSLA: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case p1 = "P1", p2 = "P2", p3 = "P3", p4 = "P4", p5 = "P5"
    }

    var byPriority: [Priority: RawSLATarget] = [:]
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        for (key, priority) in zip(CodingKeys.allCases, Priority.allCases) {
            byPriority[priority] = reader.section(RawSLATarget.self, key)
        }
        problems = reader.problems
    }
}

/// `timers.sla.PN:` as written.
struct RawSLATarget: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case response, resolution
    }

    var response: Duration?
    var resolution: Duration?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        response = reader.duration(.response)
        resolution = reader.duration(.resolution)
        problems = reader.problems
    }
}

extension RawSeverityNames.CodingKeys {
    var severity: Severity {
        switch self {
        case .sev1: .sev1
        case .sev2: .sev2
        case .sev3: .sev3
        case .sev4: .sev4
        }
    }
}
