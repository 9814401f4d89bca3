import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real IRC servers started by `deploy/local/irc-servers.sh up`, as integration tests see them.
///
/// Read from the process environment (CI exports `.local/irc/env`), else from `<package root>/.local/irc/env`
/// so that a developer can run `swift test` after starting the servers. Use `IRCTestServers.require()` inside a
/// test and put `.ircServersAvailable` on the suite: without servers the tests are skipped locally and fail in CI.
struct IRCTestServers: Sendable {
    /// An IRC server address that a `ScriptedIRCUser` can connect to.
    struct Endpoint: Sendable, CustomStringConvertible {
        var host: String
        var port: Int
        var tls: Bool
        var description: String { "\(host):\(port)\(tls ? " (TLS)" : "")" }
    }

    var directory: String
    var host: String
    var inspircdTLSPort: Int
    var inspircdPlainPort: Int
    var untrustedCertificatePort: Int
    var ngircdTLSPort: Int
    var ngircdPlainPort: Int
    /// The CA that signed both servers' certificate.
    var caFile: String
    /// A CA that signed nothing the servers present: verification against it must fail.
    var otherCAFile: String
    var botClientCertificate: String
    var botClientKey: String
    var botAccount: String
    var botPassword: String
    var userAccounts: [String]
    var userPassword: String
    /// `deploy/local/irc-servers.sh`, used by `ServerControl`.
    var controlScript: String

    var inspircd: Endpoint { Endpoint(host: host, port: inspircdTLSPort, tls: true) }
    var inspircdPlain: Endpoint { Endpoint(host: host, port: inspircdPlainPort, tls: false) }
    var ngircd: Endpoint { Endpoint(host: host, port: ngircdTLSPort, tls: true) }
    var ngircdPlain: Endpoint { Endpoint(host: host, port: ngircdPlainPort, tls: false) }
    /// InspIRCd serving a self-signed certificate that `caFile` did not sign.
    var untrustedCertificate: Endpoint { Endpoint(host: host, port: untrustedCertificatePort, tls: true) }

    /// Why the servers cannot be used, with what to do about it.
    struct Unavailable: Error, CustomStringConvertible {
        var reason: String
        var description: String {
            """
            INTEGRATION TESTS NEED THE LOCAL IRC SERVERS: \(reason)
            Start them with `deploy/local/irc-servers.sh up` (writes .local/irc/env), then run `swift test` again.
            """
        }
    }

    /// The servers, loaded and probed once per test process.
    static let current: Result<IRCTestServers, Unavailable> = {
        let result = Result { try load() }.mapError { $0 as? Unavailable ?? Unavailable(reason: "\($0)") }
        if case .failure(let error) = result {
            let verdict = isCI ? "CI=true, so these tests FAIL" : "integration tests are SKIPPED"
            FileHandle.standardError.write(Data("\n*** \(error.description)\n*** \(verdict).\n\n".utf8))
        }
        return result
    }()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true" }

    /// Whether server tests should run: always in CI (where missing servers must fail), else when they are up.
    static var shouldRun: Bool {
        if isCI { return true }
        if case .success = current { return true }
        return false
    }

    /// The servers, or a loud failure (recorded as an issue and thrown) when they are not up.
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> IRCTestServers {
        switch current {
        case .success(let servers):
            return servers
        case .failure(let error):
            Issue.record("\(error.description)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// `<package root>`, found from this file's path (`Tests/IntegrationTests/Support/IRCTestServers.swift`).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    private static func load() throws -> IRCTestServers {
        var values = ProcessInfo.processInfo.environment
        if values["INSPIRCD_TLS_PORT"] == nil {
            let file = packageRoot.appendingPathComponent(".local/irc/env")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw Unavailable(reason: "INSPIRCD_TLS_PORT is not set and \(file.path) does not exist.")
            }
            values.merge(parseEnvFile(text)) { environment, _ in environment }
        }
        let servers = try IRCTestServers(values)
        guard canConnect(host: servers.host, port: servers.inspircdTLSPort),
            canConnect(host: servers.host, port: servers.ngircdTLSPort)
        else {
            throw Unavailable(
                reason: "nothing listens on \(servers.inspircd) or \(servers.ngircd) (env from \(servers.directory))."
            )
        }
        return servers
    }

    init(_ env: [String: String]) throws {
        func string(_ key: String) throws -> String {
            guard let value = env[key], !value.isEmpty else {
                throw Unavailable(reason: "\(key) is missing from the IRC server environment.")
            }
            return value
        }
        func port(_ key: String) throws -> Int {
            guard let value = Int(try string(key)) else { throw Unavailable(reason: "\(key) is not a port number.") }
            return value
        }
        directory = try string("SITREP_IRC_DIR")
        host = env["IRC_HOST"] ?? "127.0.0.1"
        inspircdTLSPort = try port("INSPIRCD_TLS_PORT")
        inspircdPlainPort = try port("INSPIRCD_PLAIN_PORT")
        untrustedCertificatePort = try port("IRC_UNTRUSTED_CERT_PORT")
        ngircdTLSPort = try port("NGIRCD_TLS_PORT")
        ngircdPlainPort = try port("NGIRCD_PLAIN_PORT")
        caFile = try string("IRC_CA_FILE")
        otherCAFile = try string("OTHER_CA_FILE")
        botClientCertificate = try string("BOT_CLIENT_CERT")
        botClientKey = try string("BOT_CLIENT_KEY")
        botAccount = try string("BOT_ACCOUNT")
        botPassword = try string("BOT_PASSWORD")
        userAccounts = try string("USER_ACCOUNTS").split(separator: " ").map(String.init)
        userPassword = try string("USER_PASSWORD")
        controlScript =
            env["IRC_SERVER_CONTROL"] ?? Self.packageRoot.appendingPathComponent("deploy/local/irc-servers.sh").path
    }

    /// Parses `KEY=value` lines as written by irc-servers.sh; values may be wrapped in single or double quotes.
    static func parseEnvFile(_ text: String) -> [String: String] {
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

    /// A blocking TCP connect to see whether a server listens (used once, before any test runs).
    private static func canConnect(host: String, port: Int) -> Bool {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return false }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test when the local IRC servers are up; skips it (loudly) when they are not, unless `CI=true`, where
    /// the test runs and fails in `IRCTestServers.require()`.
    static var ircServersAvailable: Self {
        .enabled(
            if: IRCTestServers.shouldRun,
            "IRC servers not running: start them with `deploy/local/irc-servers.sh up` (CI=true makes this a failure)"
        )
    }
}
