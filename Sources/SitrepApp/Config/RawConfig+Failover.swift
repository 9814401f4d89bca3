/// `failover:` as written.
struct RawFailover: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case instance
        case leaseTTL = "lease_ttl"
    }

    var instance: String?
    var leaseTTL: Duration?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        instance = reader.string(.instance)
        leaseTTL = reader.duration(.leaseTTL)
        problems = reader.problems
    }
}
