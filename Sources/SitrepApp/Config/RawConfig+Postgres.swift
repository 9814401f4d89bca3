/// `store.postgres:` as written.
struct RawPostgres: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case hosts, database, user
        case passwordEnv = "password_env"
        case passwordFile = "password_file"
        case tls
    }

    var hosts: [String?]?
    var database: String?
    var user: String?
    var passwordEnv: String?
    var passwordFile: String?
    var tls: RawPostgresTLS?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        hosts = reader.stringList(.hosts)
        database = reader.string(.database)
        user = reader.string(.user)
        passwordEnv = reader.string(.passwordEnv)
        passwordFile = reader.string(.passwordFile)
        tls = reader.section(RawPostgresTLS.self, .tls)
        problems = reader.problems
    }
}

/// `store.postgres.tls:` as written.
struct RawPostgresTLS: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled
        case caFile = "ca_file"
        case insecure
    }

    var enabled: Bool?
    var caFile: String?
    var insecure: Bool?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        enabled = reader.bool(.enabled)
        caFile = reader.string(.caFile)
        insecure = reader.bool(.insecure)
        problems = reader.problems
    }
}
