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
public struct IRCTestServers: LocalServerHelper {
    /// An IRC server address that a `ScriptedIRCUser` can connect to.
    public struct Endpoint: Sendable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var tls: Bool

        public init(host: String, port: Int, tls: Bool) {
            self.host = host
            self.port = port
            self.tls = tls
        }

        public var description: String { "\(host):\(port)\(tls ? " (TLS)" : "")" }
    }

    public var directory: String
    public var host: String
    public var inspircdTLSPort: Int
    public var inspircdPlainPort: Int
    public var untrustedCertificatePort: Int
    public var ngircdTLSPort: Int
    public var ngircdPlainPort: Int
    /// The CA that signed both servers' certificate.
    public var caFile: String
    /// A CA that signed nothing the servers present: verification against it must fail.
    public var otherCAFile: String
    public var botClientCertificate: String
    public var botClientKey: String
    public var botAccount: String
    public var botPassword: String
    public var userAccounts: [String]
    public var userPassword: String
    /// `deploy/local/irc-servers.sh`, used by `ServerControl`.
    public var controlScript: String

    public var inspircd: Endpoint { Endpoint(host: host, port: inspircdTLSPort, tls: true) }
    public var inspircdPlain: Endpoint { Endpoint(host: host, port: inspircdPlainPort, tls: false) }
    public var ngircd: Endpoint { Endpoint(host: host, port: ngircdTLSPort, tls: true) }
    public var ngircdPlain: Endpoint { Endpoint(host: host, port: ngircdPlainPort, tls: false) }
    /// InspIRCd serving a self-signed certificate that `caFile` did not sign.
    public var untrustedCertificate: Endpoint { Endpoint(host: host, port: untrustedCertificatePort, tls: true) }

    /// The servers, loaded and probed once per test process.
    public static let availability = LocalServerAvailability(.ircServers) { () throws(LocalServerUnavailable) in
        let servers = try IRCTestServers(LocalServer.ircServers.settings())
        guard canConnect(host: servers.host, port: servers.inspircdTLSPort),
            canConnect(host: servers.host, port: servers.ngircdTLSPort)
        else {
            throw LocalServerUnavailable(
                .ircServers,
                "nothing listens on \(servers.inspircd) or \(servers.ngircd) (env from \(servers.directory))")
        }
        return servers
    }

    /// From the values of an env file of `deploy/local/irc-servers.sh`.
    public init(_ settings: LocalServerSettings) throws(LocalServerUnavailable) {
        directory = try settings.string("SITREP_IRC_DIR")
        host = settings.optional("IRC_HOST") ?? "127.0.0.1"
        inspircdTLSPort = try settings.port("INSPIRCD_TLS_PORT")
        inspircdPlainPort = try settings.port("INSPIRCD_PLAIN_PORT")
        untrustedCertificatePort = try settings.port("IRC_UNTRUSTED_CERT_PORT")
        ngircdTLSPort = try settings.port("NGIRCD_TLS_PORT")
        ngircdPlainPort = try settings.port("NGIRCD_PLAIN_PORT")
        caFile = try settings.string("IRC_CA_FILE")
        otherCAFile = try settings.string("OTHER_CA_FILE")
        botClientCertificate = try settings.string("BOT_CLIENT_CERT")
        botClientKey = try settings.string("BOT_CLIENT_KEY")
        botAccount = try settings.string("BOT_ACCOUNT")
        botPassword = try settings.string("BOT_PASSWORD")
        userAccounts = try settings.words("USER_ACCOUNTS")
        userPassword = try settings.string("USER_PASSWORD")
        controlScript =
            settings.optional("IRC_SERVER_CONTROL")
            ?? LocalServer.packageRoot.appendingPathComponent(LocalServer.ircServers.script).path
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
    public static var ircServersAvailable: Self {
        .enabled(
            if: IRCTestServers.shouldRun,
            "IRC servers not running: start them with `deploy/local/irc-servers.sh up` (CI=true makes this a failure)"
        )
    }
}
