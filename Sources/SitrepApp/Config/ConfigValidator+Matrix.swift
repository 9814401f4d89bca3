import Matrix
import SitrepCore

/// `matrix:`: the homeserver, the bot's user id and credentials, TLS, rooms. Every bad value is reported as
/// `matrix.key: reason`.
extension ConfigValidator {
    mutating func validateMatrix(_ raw: RawMatrix?) -> SitrepConfig.Matrix? {
        guard let raw else { return nil }
        let homeserver = checked(required(raw.homeserver, "matrix.homeserver"), "matrix.homeserver") {
            Self.homeserverProblem($0)
        }
        let userID = checked(required(raw.userID, "matrix.user_id"), "matrix.user_id") {
            MatrixUserID($0) == nil
                ? "must be a Matrix user id like \"@sitrep:example.org\", got \(IRCNameRules.quoted($0))" : nil
        }
        let deviceID = checked(raw.deviceID, "matrix.device_id") { id in
            let allowed = id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            return !id.isEmpty && id.count <= 64 && allowed
                ? nil : "must be 1 to 64 letters, digits, '-', '_' or '.', got \(IRCNameRules.quoted(id))"
        }
        let insecure = raw.tls?.insecure ?? false
        var matrix = SitrepConfig.Matrix(
            homeserver: homeserver.map { String($0.reversed().drop { $0 == "/" }.reversed()) } ?? "",
            userID: userID ?? "",
            credentials: matrixCredentials(raw) ?? .password(Secret("")),
            deviceID: deviceID ?? ConfigDefaults.matrixDeviceID,
            caFile: pemFile(raw.tls?.caFile, "matrix.tls.ca_file", .certificate),
            insecure: insecure,
            rooms: validateList(raw.rooms ?? [], "matrix.rooms", Self.roomProblem),
            announceRoom: checked(raw.announceRoom, "matrix.announce_room", Self.roomProblem))
        matrix.commandPrefix =
            checked(raw.commandPrefix, "matrix.command_prefix", CommandHint.problem(withPrefix:))
            ?? CommandHint.defaultPrefix
        matrix.encryptionKey = optionalSecret(
            in: "matrix", env: ("encryption_key_env", raw.encryptionKeyEnv),
            file: ("encryption_key_file", raw.encryptionKeyFile))
        let keyPath = raw.encryptionKeyEnv != nil ? "matrix.encryption_key_env" : "matrix.encryption_key_file"
        // A store-only command (`export`, `verify`…) does not read the key: its placeholder is not measured.
        if let key = matrix.encryptionKey, secrets.reads(keyPath),
            key.reveal().utf8.count < Self.minimumEncryptionKeyBytes
        {
            report(
                keyPath,
                "the key must have at least \(Self.minimumEncryptionKeyBytes) bytes (e.g. `openssl rand -hex 32`)")
        }
        if let text = raw.incidentRoomEncryption {
            if let mode = SitrepConfig.Matrix.IncidentRoomEncryption(rawValue: text.lowercased()) {
                matrix.incidentRoomEncryption = mode
                if mode == .always && matrix.encryptionKey == nil {
                    report("matrix.incident_room_encryption", "always needs encryption_key_env or encryption_key_file")
                }
            } else {
                report(
                    "matrix.incident_room_encryption",
                    "must be auto, always or never, got \(IRCNameRules.quoted(text))")
            }
        }
        return matrix
    }

    /// The fewest bytes `matrix.encryption_key_*` may have.
    static let minimumEncryptionKeyBytes = 32

    /// Exactly one of a password (from an environment variable or a file) or an access token (likewise).
    private mutating func matrixCredentials(_ raw: RawMatrix) -> SitrepConfig.Matrix.Credentials? {
        let password = optionalSecret(
            in: "matrix", env: ("password_env", raw.passwordEnv), file: ("password_file", raw.passwordFile))
        let token = optionalSecret(
            in: "matrix", env: ("access_token_env", raw.accessTokenEnv),
            file: ("access_token_file", raw.accessTokenFile))
        let givesPassword = raw.passwordEnv != nil || raw.passwordFile != nil
        let givesToken = raw.accessTokenEnv != nil || raw.accessTokenFile != nil
        switch (givesPassword, givesToken) {
        case (false, false):
            report("matrix", "needs one of password_env, password_file, access_token_env or access_token_file")
            return nil
        case (true, true):
            report(
                "matrix",
                "set either a password (password_env/password_file) or a token (access_token_env/access_token_file), not both"
            )
            return nil
        case (true, false):
            return password.map { .password($0) }
        case (false, true):
            return token.map { .accessToken($0) }
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
