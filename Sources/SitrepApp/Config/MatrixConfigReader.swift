import Matrix
import SitrepCore

/// Reads and checks `matrix:`, into ``SitrepConfig/Matrix``: the homeserver, the bot's user id and credentials, TLS,
/// rooms and encryption. Every bad value is reported as `matrix.key: reason`.
enum MatrixConfigReader {
    enum Key: String, CodingKey, CaseIterable {
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

    /// `matrix.tls:`: only what an HTTPS client needs (no client certificate).
    enum TLSKey: String, CodingKey, CaseIterable {
        case caFile = "ca_file"
        case insecure
    }

    /// The fewest bytes `matrix.encryption_key_*` may have.
    static let minimumEncryptionKeyBytes = 32

    static func read(_ matrix: ConfigReader<Key>) -> SitrepConfig.Matrix {
        let context = matrix.context
        let writtenHomeserver = matrix.string(.homeserver)
        let writtenUserID = matrix.string(.userID)
        let password = (env: matrix.string(.passwordEnv), file: matrix.string(.passwordFile))
        let token = (env: matrix.string(.accessTokenEnv), file: matrix.string(.accessTokenFile))
        let writtenDeviceID = matrix.string(.deviceID)
        let tls = matrix.mapping(TLSKey.self, .tls)
        let tlsFiles = (caFile: tls?.string(.caFile), insecure: tls?.bool(.insecure))
        let rooms = matrix.stringList(.rooms)
        let announceRoom = matrix.nonBlankString(.announceRoom)
        let commandPrefix = matrix.string(.commandPrefix)
        let encryptionKey = (env: matrix.string(.encryptionKeyEnv), file: matrix.string(.encryptionKeyFile))
        let incidentRoomEncryption = matrix.string(.incidentRoomEncryption)

        let homeserver = context.checked(context.required(writtenHomeserver, "matrix.homeserver"), "matrix.homeserver") {
            homeserverProblem($0)
        }
        let userID = context.checked(context.required(writtenUserID, "matrix.user_id"), "matrix.user_id") {
            MatrixUserID($0) == nil
                ? "must be a Matrix user id like \"@sitrep:example.org\", got \(IRCNameRules.quoted($0))" : nil
        }
        let deviceID = context.checked(writtenDeviceID, "matrix.device_id") { id in
            let allowed = id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            return !id.isEmpty && id.count <= 64 && allowed
                ? nil : "must be 1 to 64 letters, digits, '-', '_' or '.', got \(IRCNameRules.quoted(id))"
        }
        var config = SitrepConfig.Matrix(
            homeserver: homeserver.map { String($0.reversed().drop { $0 == "/" }.reversed()) } ?? "",
            userID: userID ?? "",
            credentials: credentials(password: password, token: token, context) ?? .password(Secret("")),
            deviceID: deviceID ?? ConfigDefaults.matrixDeviceID,
            caFile: context.pemFile(tlsFiles.caFile, "matrix.tls.ca_file", .certificate),
            insecure: tlsFiles.insecure ?? false,
            rooms: context.checkedList(rooms ?? [], "matrix.rooms", roomProblem),
            announceRoom: context.checked(announceRoom, "matrix.announce_room", roomProblem))
        config.commandPrefix =
            context.checked(commandPrefix, "matrix.command_prefix", CommandHint.problem(withPrefix:))
            ?? CommandHint.defaultPrefix
        config.encryptionKey = context.optionalSecret(
            in: "matrix", env: ("encryption_key_env", encryptionKey.env),
            file: ("encryption_key_file", encryptionKey.file))
        let keyPath = encryptionKey.env != nil ? "matrix.encryption_key_env" : "matrix.encryption_key_file"
        // A store-only command (`export`, `verify`…) does not read the key: its placeholder is not measured.
        if let key = config.encryptionKey, context.secrets.reads(keyPath),
            key.reveal().utf8.count < minimumEncryptionKeyBytes
        {
            context.report(
                keyPath, "the key must have at least \(minimumEncryptionKeyBytes) bytes (e.g. `openssl rand -hex 32`)")
        }
        if let text = incidentRoomEncryption {
            if let mode = SitrepConfig.Matrix.IncidentRoomEncryption(rawValue: text.lowercased()) {
                config.incidentRoomEncryption = mode
                if mode == .always && config.encryptionKey == nil {
                    matrix.report(.incidentRoomEncryption, "always needs encryption_key_env or encryption_key_file")
                }
            } else {
                matrix.report(.incidentRoomEncryption, "must be auto, always or never, got \(IRCNameRules.quoted(text))")
            }
        }
        return config
    }

    /// Exactly one of a password (from an environment variable or a file) or an access token (likewise).
    private static func credentials(
        password: (env: String?, file: String?), token: (env: String?, file: String?), _ context: ConfigContext
    ) -> SitrepConfig.Matrix.Credentials? {
        let passwordSecret = context.optionalSecret(
            in: "matrix", env: ("password_env", password.env), file: ("password_file", password.file))
        let tokenSecret = context.optionalSecret(
            in: "matrix", env: ("access_token_env", token.env), file: ("access_token_file", token.file))
        let givesPassword = password.env != nil || password.file != nil
        let givesToken = token.env != nil || token.file != nil
        switch (givesPassword, givesToken) {
        case (false, false):
            context.report("matrix", "needs one of password_env, password_file, access_token_env or access_token_file")
            return nil
        case (true, true):
            context.report(
                "matrix",
                "set either a password (password_env/password_file) or a token (access_token_env/access_token_file), not both"
            )
            return nil
        case (true, false):
            return passwordSecret.map { .password($0) }
        case (false, true):
            return tokenSecret.map { .accessToken($0) }
        }
    }

    /// Why `url` cannot be a homeserver URL: it must be `https://host[:port]`, or `http://` on loopback.
    static func homeserverProblem(_ url: String) -> String? {
        var trimmed = Substring(url)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let isHTTPS = trimmed.hasPrefix("https://")
        let isHTTP = trimmed.hasPrefix("http://")
        let host = trimmed.drop { $0 != "/" }.dropFirst(2)
        guard isHTTPS || isHTTP, !host.isEmpty, !host.contains("/"), !host.contains(" ") else {
            return "must be https://host[:port] without a path, got \(IRCNameRules.quoted(url))"
        }
        let hostname = host.hasPrefix("[") ? host.prefix { $0 != "]" } + "]" : host.prefix { $0 != ":" }
        if isHTTP && !["localhost", "127.0.0.1", "[::1]"].contains(String(hostname)) {
            return "must use https:// (http:// only to a homeserver on loopback), got \(IRCNameRules.quoted(url))"
        }
        return nil
    }

    /// Why `name` is neither a room id (`!abc:example.org`, or `!abc` from room version 12 on) nor a room alias
    /// (`#ops:example.org`).
    static func roomProblem(_ name: String) -> String? {
        let isRoomID = name.hasPrefix("!") && name.count > 1
        let isAlias =
            name.hasPrefix("#")
            && name.firstIndex(of: ":").map {
                $0 > name.index(after: name.startIndex) && name.index(after: $0) < name.endIndex
            } == true
        guard isRoomID || isAlias, !name.contains(where: { $0 == " " || $0.isNewline }) else {
            return
                "must be a room id (\"!abc:example.org\") or alias (\"#ops:example.org\"), got \(IRCNameRules.quoted(name))"
        }
        return nil
    }
}
