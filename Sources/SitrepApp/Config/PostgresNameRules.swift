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
