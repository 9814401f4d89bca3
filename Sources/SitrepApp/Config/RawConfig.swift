/// `irc:` as written.
struct RawIRC: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case host, port, tls, nick
        case alternateNicks = "alternate_nicks"
        case username, realname, sasl, channels, pacing, reconnect, keepalive
        case quitMessage = "quit_message"
        case commandPrefix = "command_prefix"
    }

    var host: String?
    var port: Int?
    var tls: RawTLS?
    var nick: String?
    var alternateNicks: [String?]?
    var username: String?
    var realname: String?
    var sasl: RawSASL?
    var channels: [String?]?
    var pacing: RawPacing?
    var reconnect: RawReconnect?
    var keepalive: RawKeepalive?
    var quitMessage: String?
    var commandPrefix: String?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        host = reader.string(.host)
        port = reader.int(.port)
        tls = reader.section(RawTLS.self, .tls)
        nick = reader.string(.nick)
        alternateNicks = reader.stringList(.alternateNicks)
        username = reader.string(.username)
        realname = reader.string(.realname)
        sasl = reader.section(RawSASL.self, .sasl)
        channels = reader.stringList(.channels)
        pacing = reader.section(RawPacing.self, .pacing)
        reconnect = reader.section(RawReconnect.self, .reconnect)
        keepalive = reader.section(RawKeepalive.self, .keepalive)
        quitMessage = reader.string(.quitMessage)
        commandPrefix = reader.string(.commandPrefix)
        problems = reader.problems
    }
}

/// `irc.tls:` as written.
struct RawTLS: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled
        case caFile = "ca_file"
        case clientCertificate = "client_certificate"
        case clientKey = "client_key"
        case insecure
    }

    var enabled: Bool?
    var caFile: String?
    var clientCertificate: String?
    var clientKey: String?
    var insecure: Bool?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        enabled = reader.bool(.enabled)
        caFile = reader.string(.caFile)
        clientCertificate = reader.string(.clientCertificate)
        clientKey = reader.string(.clientKey)
        insecure = reader.bool(.insecure)
        problems = reader.problems
    }
}

/// `irc.sasl:` as written.
struct RawSASL: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case mechanism, account
        case passwordEnv = "password_env"
        case passwordFile = "password_file"
        case required
    }

    var mechanism: String?
    var account: String?
    var passwordEnv: String?
    var passwordFile: String?
    var required: Bool?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        mechanism = reader.string(.mechanism)
        account = reader.string(.account)
        passwordEnv = reader.string(.passwordEnv)
        passwordFile = reader.string(.passwordFile)
        required = reader.bool(.required)
        problems = reader.problems
    }
}

/// `irc.pacing:` as written.
struct RawPacing: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case burst
        case linesPerSecond = "lines_per_second"
    }

    var burst: Int?
    var linesPerSecond: Double?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        burst = reader.int(.burst)
        linesPerSecond = reader.double(.linesPerSecond)
        problems = reader.problems
    }
}

/// `irc.reconnect:` as written.
struct RawReconnect: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case initialDelay = "initial_delay"
        case maxDelay = "max_delay"
    }

    var initialDelay: Duration?
    var maxDelay: Duration?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        initialDelay = reader.duration(.initialDelay)
        maxDelay = reader.duration(.maxDelay)
        problems = reader.problems
    }
}

/// `irc.keepalive:` as written.
struct RawKeepalive: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case interval, timeout
    }

    var interval: Duration?
    var timeout: Duration?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        interval = reader.duration(.interval)
        timeout = reader.duration(.timeout)
        problems = reader.problems
    }
}

/// `logging:` as written.
struct RawLogging: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case level
    }

    var level: String?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        level = reader.string(.level)
        problems = reader.problems
    }
}
