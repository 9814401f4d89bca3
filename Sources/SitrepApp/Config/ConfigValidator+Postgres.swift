/// `store.postgres`: hosts as `host:port`, database, user, the password secret and TLS. Every bad value is
/// reported as `store.postgres.key: reason`.
extension ConfigValidator {
    mutating func validatePostgres(_ raw: RawPostgres) -> SitrepConfig.Postgres {
        let section = "store.postgres"
        let hosts = validatePostgresHosts(raw.hosts)
        let database = checked(required(raw.database, "\(section).database"), "\(section).database") {
            PostgresNameRules.identifierProblem($0, what: "database name")
        }
        let user = checked(required(raw.user, "\(section).user"), "\(section).user") {
            PostgresNameRules.identifierProblem($0, what: "role name")
        }
        return SitrepConfig.Postgres(
            hosts: hosts, database: database ?? "", user: user ?? "",
            password: optionalSecret(in: section, env: ("password_env", raw.passwordEnv), file: ("password_file", raw.passwordFile)),
            tls: validatePostgresTLS(raw.tls))
    }

    private mutating func validatePostgresHosts(_ raw: [String?]?) -> [SitrepConfig.Postgres.Host] {
        let keyPath = "store.postgres.hosts"
        guard let raw = required(raw, keyPath) else { return [] }
        if raw.isEmpty { report(keyPath, "must name at least one host:port") }
        var hosts: [SitrepConfig.Postgres.Host] = []
        for (index, item) in raw.enumerated() {
            guard let item else {
                report("\(keyPath)[\(index)]", "must be host:port, e.g. db1.example.org:5432")
                continue
            }
            switch PostgresNameRules.host(item) {
            case .success(let host): hosts.append(host)
            case .failure(let problem): report("\(keyPath)[\(index)]", problem.reason)
            }
        }
        return hosts
    }

    private mutating func validatePostgresTLS(_ raw: RawPostgresTLS?) -> SitrepConfig.Postgres.TLS {
        let section = "store.postgres.tls"
        let enabled = raw?.enabled ?? true
        let insecure = raw?.insecure ?? false
        guard enabled else {
            if raw?.caFile != nil { report("\(section).ca_file", "is set but \(section).enabled is false") }
            if insecure { report("\(section).insecure", "is true but \(section).enabled is false") }
            return SitrepConfig.Postgres.TLS(enabled: false)
        }
        return SitrepConfig.Postgres.TLS(
            enabled: true, caFile: pemFile(raw?.caFile, "\(section).ca_file", .certificate), insecure: insecure)
    }
}

/// What PostgreSQL names and addresses in the config must look like.
enum PostgresNameRules {
    struct Problem: Error {
        var reason: String
    }

    /// `host`, `host:port`, `[v6]` or `[v6]:port`; the port defaults to 5432.
    static func host(_ text: String) -> Result<SitrepConfig.Postgres.Host, Problem> {
        var name = Substring(text)
        var portText: Substring?
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else {
                return .failure(Problem(reason: "\(IRCNameRules.quoted(text)) has no closing ] after the IPv6 address"))
            }
            let rest = name[name.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else {
                    return .failure(Problem(reason: "must be [address]:port, got \(IRCNameRules.quoted(text))"))
                }
                portText = rest.dropFirst()
            }
            name = name[name.index(after: name.startIndex)..<close]
        } else if let colon = name.firstIndex(of: ":") {
            guard name[name.index(after: colon)...].firstIndex(of: ":") == nil else {
                return .failure(Problem(reason: "write an IPv6 address in brackets, e.g. [::1]:5432"))
            }
            portText = name[name.index(after: colon)...]
            name = name[..<colon]
        }
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            return .failure(Problem(reason: "must be host:port, e.g. db1.example.org:5432, got \(IRCNameRules.quoted(text))"))
        }
        guard let portText else { return .success(.init(host: String(name))) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            return .failure(Problem(reason: "the port must be between 1 and 65535, got \(IRCNameRules.quoted(String(portText)))"))
        }
        return .success(.init(host: String(name), port: port))
    }

    /// A database or role name: non-empty, at most 63 bytes (PostgreSQL's limit), no NUL or control characters.
    static func identifierProblem(_ name: String, what: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name.utf8.count > 63 { return "a PostgreSQL \(what) has at most 63 bytes, got \(name.utf8.count)" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "must not contain control characters"
        }
        return nil
    }
}
