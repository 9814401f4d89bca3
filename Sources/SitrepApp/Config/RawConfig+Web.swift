/// `web:` as written.
struct RawWeb: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case listen, title
        case refreshSeconds = "refresh_seconds"
        case internalTokenEnv = "internal_token_env"
        case internalTokenFile = "internal_token_file"
        case publicURL = "public_url"
        case ackSecretEnv = "ack_secret_env"
        case ackSecretFile = "ack_secret_file"
        case idleTimeout = "idle_timeout"
        case readTimeout = "read_timeout"
        case maxConnections = "max_connections"
    }

    var listen: String?
    var title: String?
    var refreshSeconds: Int?
    var internalTokenEnv: String?
    var internalTokenFile: String?
    var publicURL: String?
    var ackSecretEnv: String?
    var ackSecretFile: String?
    var idleTimeout: Duration?
    var readTimeout: Duration?
    var maxConnections: Int?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        listen = reader.string(.listen)
        title = reader.string(.title)
        refreshSeconds = reader.int(.refreshSeconds)
        internalTokenEnv = reader.string(.internalTokenEnv)
        internalTokenFile = reader.string(.internalTokenFile)
        publicURL = reader.string(.publicURL)
        ackSecretEnv = reader.string(.ackSecretEnv)
        ackSecretFile = reader.string(.ackSecretFile)
        idleTimeout = reader.duration(.idleTimeout)
        readTimeout = reader.duration(.readTimeout)
        maxConnections = reader.int(.maxConnections)
        problems = reader.problems
    }
}
