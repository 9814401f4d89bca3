/// `matrix:` as written.
struct RawMatrix: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case homeserver
        case userID = "user_id"
        case passwordEnv = "password_env"
        case passwordFile = "password_file"
        case accessTokenEnv = "access_token_env"
        case accessTokenFile = "access_token_file"
        case deviceID = "device_id"
        case tls, rooms
        case announceRoom = "announce_room"
        case commandPrefix = "command_prefix"
        case encryptionKeyEnv = "encryption_key_env"
        case encryptionKeyFile = "encryption_key_file"
        case incidentRoomEncryption = "incident_room_encryption"
    }

    var homeserver: String?
    var userID: String?
    var passwordEnv: String?
    var passwordFile: String?
    var accessTokenEnv: String?
    var accessTokenFile: String?
    var deviceID: String?
    var tls: RawMatrixTLS?
    var rooms: [String?]?
    var announceRoom: String?
    var commandPrefix: String?
    var encryptionKeyEnv: String?
    var encryptionKeyFile: String?
    var incidentRoomEncryption: String?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        homeserver = reader.string(.homeserver)
        userID = reader.string(.userID)
        passwordEnv = reader.string(.passwordEnv)
        passwordFile = reader.string(.passwordFile)
        accessTokenEnv = reader.string(.accessTokenEnv)
        accessTokenFile = reader.string(.accessTokenFile)
        deviceID = reader.string(.deviceID)
        tls = reader.section(RawMatrixTLS.self, .tls)
        rooms = reader.stringList(.rooms)
        announceRoom = reader.nonBlankString(.announceRoom)
        commandPrefix = reader.string(.commandPrefix)
        encryptionKeyEnv = reader.string(.encryptionKeyEnv)
        encryptionKeyFile = reader.string(.encryptionKeyFile)
        incidentRoomEncryption = reader.string(.incidentRoomEncryption)
        problems = reader.problems
    }
}

/// `matrix.tls:` as written: only what an HTTPS client needs (no client certificate).
struct RawMatrixTLS: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case caFile = "ca_file"
        case insecure
    }

    var caFile: String?
    var insecure: Bool?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        caFile = reader.string(.caFile)
        insecure = reader.bool(.insecure)
        problems = reader.problems
    }
}
