import Foundation

/// A server that `deploy/local/` starts for the tests, and where the tests find it.
///
/// Each script's `up DIR` writes `DIR/env` (`KEY=value` lines). A test process reads its settings from its own
/// environment when that holds the server's `marker` key (CI exports the env file), else from
/// `<package root>/<envFile>`, under the process environment (a variable set in the process wins over the file).
public enum LocalServer: Sendable {
    case postgres
    case ircServers
    case synapse
    /// The second Synapse, whose every new room is end-to-end encrypted, with the matrix-nio human client's venv.
    case encryptingSynapse
    case mailSink

    /// What the messages call it.
    public var name: String {
        switch self {
        case .postgres: "PostgreSQL server"
        case .ircServers: "IRC servers"
        case .synapse: "Synapse"
        case .encryptingSynapse: "encrypting Synapse"
        case .mailSink: "mail sink"
        }
    }

    /// The script that starts it, relative to the package root.
    public var script: String {
        switch self {
        case .postgres: "deploy/local/postgres.sh"
        case .ircServers: "deploy/local/irc-servers.sh"
        case .synapse, .encryptingSynapse: "deploy/local/synapse.sh"
        case .mailSink: "deploy/local/mail-sink.sh"
        }
    }

    /// The command that starts it where the tests look for it.
    public var startCommand: String {
        switch self {
        case .encryptingSynapse:
            "SYNAPSE_ENCRYPT_BY_DEFAULT=all SYNAPSE_PLAIN_PORT=8018 SYNAPSE_TLS_PORT=8458 \(script) up .local/synapse-e2ee"
        default: "\(script) up"
        }
    }

    /// The env file its `up` writes in the default folder, relative to the package root.
    public var envFile: String {
        switch self {
        case .postgres: ".local/pg/env"
        case .ircServers: ".local/irc/env"
        case .synapse: ".local/synapse/env"
        case .encryptingSynapse: ProcessInfo.processInfo.environment["SITREP_MATRIX_E2EE_ENV"] ?? ".local/synapse-e2ee/env"
        case .mailSink: ".local/mail/env"
        }
    }

    /// The variable whose presence in the process environment means "the settings are exported; skip the file".
    public var marker: String {
        switch self {
        case .postgres: "SITREP_TEST_POSTGRES_PORT"
        case .ircServers: "INSPIRCD_TLS_PORT"
        case .synapse: "SITREP_MATRIX_URL"
        // Never exported: its keys are the plain Synapse's, which CI exports; it is always read from its file.
        case .encryptingSynapse: "SITREP_MATRIX_E2EE_NEVER_EXPORTED"
        case .mailSink: "MAIL_SINK_PORT"
        }
    }

    /// The server's settings: the process environment, plus the env file when `marker` is not exported (the
    /// encrypting Synapse: its env file alone).
    public func settings() throws(LocalServerUnavailable) -> LocalServerSettings {
        var values = self == .encryptingSynapse ? [:] : ProcessInfo.processInfo.environment
        if values[marker] == nil {
            let file = envFile.hasPrefix("/") ? URL(fileURLWithPath: envFile) : LocalServer.packageRoot.appendingPathComponent(envFile)
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                let missing = "\(file.path) does not exist"
                throw LocalServerUnavailable(self, self == .encryptingSynapse ? missing : "\(marker) is not set and \(missing)")
            }
            values.merge(LocalServer.parseEnvFile(text)) { environment, _ in environment }
        }
        return LocalServerSettings(server: self, values: values)
    }

    /// Whether this run is CI (`CI=true`), where a server that is not up fails the tests that need it instead of
    /// skipping them.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true" }

    /// `<package root>`, found from this file's path (`Tests/SitrepTestSupport/LocalServer.swift`).
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Parses the `KEY=value` lines of an env file (`export ` prefixes, `#` comments and blank lines allowed); a
    /// value may be wrapped in single or double quotes.
    public static func parseEnvFile(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).replacingOccurrences(of: "export ", with: "")
            var value = String(line[line.index(after: equals)...])
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            result[key.trimmingCharacters(in: .whitespaces)] = value
        }
        return result
    }
}

/// The settings of one local server, read by key; a missing or malformed one is an `LocalServerUnavailable` that
/// names the key.
public struct LocalServerSettings: Sendable {
    public var server: LocalServer
    public var values: [String: String]

    public init(server: LocalServer, values: [String: String]) {
        self.server = server
        self.values = values
    }

    /// The non-empty value of `key`.
    public func string(_ key: String) throws(LocalServerUnavailable) -> String {
        guard let value = values[key], !value.isEmpty else {
            throw LocalServerUnavailable(server, "\(key) is missing from the environment of the \(server.name)")
        }
        return value
    }

    /// The value of `key` as a port number.
    public func port(_ key: String) throws(LocalServerUnavailable) -> Int {
        guard let port = Int(try string(key)) else {
            throw LocalServerUnavailable(server, "\(key) is not a port number")
        }
        return port
    }

    /// The space-separated words of `key` (a list of accounts).
    public func words(_ key: String) throws(LocalServerUnavailable) -> [String] {
        try string(key).split(separator: " ").map(String.init)
    }

    /// The value of `key`, or nil when it is unset or empty.
    public func optional(_ key: String) -> String? {
        values[key].flatMap { $0.isEmpty ? nil : $0 }
    }
}
