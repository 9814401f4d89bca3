/// One schedule under `schedules:` as written.
struct RawSchedule: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case timeZone = "time_zone"
        case layers
        case publicFeed = "public_feed"
    }

    var timeZone: String?
    var layers: [LenientElement<RawLayer>]?
    var publicFeed: Bool?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        timeZone = reader.string(.timeZone)
        layers = reader.value([LenientElement<RawLayer>].self, .layers, expected: "a list of layers")
        publicFeed = reader.bool(.publicFeed)
        problems = reader.problems + (layers ?? []).flatMap { $0.value?.problems ?? [] }
    }
}

/// One element of a schedule's `layers:` as written: a rotation and when it is in force.
struct RawLayer: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, people, every, handoff, start, restrictions
    }

    var name: String?
    var people: [String?]?
    var every: String?
    var handoff: String?
    var start: String?
    var restrictions: [LenientElement<RawRestriction>]?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        name = reader.string(.name)
        people = reader.stringList(.people)
        every = reader.string(.every)
        handoff = reader.string(.handoff)
        start = reader.string(.start)
        restrictions = reader.value(
            [LenientElement<RawRestriction>].self, .restrictions, expected: "a list of restrictions")
        problems = reader.problems + (restrictions ?? []).flatMap { $0.value?.problems ?? [] }
    }
}

/// One element of a layer's `restrictions:` as written.
struct RawRestriction: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case days, from, until
    }

    var days: [String?]?
    var from: String?
    var until: String?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        days = reader.stringList(.days)
        from = reader.string(.from)
        until = reader.string(.until)
        problems = reader.problems
    }
}
