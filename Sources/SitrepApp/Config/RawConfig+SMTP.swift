/// `smtp:` as written: the mail server out-of-chat pages go through.
struct RawSMTP: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case host, port, tls, from
        case fromName = "from_name"
        case username
        case passwordEnv = "password_env"
        case passwordFile = "password_file"
        case caFile = "ca_file"
        case localName = "local_name"
        case timeout
    }

    var host: String?
    var port: Int?
    var tls: String?
    var from: String?
    var fromName: String?
    var username: String?
    var passwordEnv: String?
    var passwordFile: String?
    var caFile: String?
    var localName: String?
    var timeout: Duration?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        host = reader.string(.host)
        port = reader.int(.port)
        tls = reader.string(.tls)
        from = reader.string(.from)
        fromName = reader.string(.fromName)
        username = reader.string(.username)
        passwordEnv = reader.string(.passwordEnv)
        passwordFile = reader.string(.passwordFile)
        caFile = reader.string(.caFile)
        localName = reader.string(.localName)
        timeout = reader.duration(.timeout)
        problems = reader.problems
    }
}
