import Foundation
import SitrepTestSupport
import Testing

/// Two `sitrep run` processes with one config each, differing only in `failover.instance` and the web port, on
/// one PostgreSQL database and the local InspIRCd: the active/standby pair as an operator runs it.
struct FailoverPair: SitrepPairProcesses {
    let folder: URL
    let database: String
    let botNick: String
    let prefix: String
    let announce: String
    let token = "failover-test-token-0123456789"
    let webPorts: [String: Int]
    let started = StartedProcesses()

    /// `database`: an existing one (else a name for the caller to create); `postgresHosts`: else the server's.
    init(
        servers: IRCTestServers, postgres: LocalPostgres, database: String? = nil, postgresHosts: [String]? = nil,
        leaseTTL: String = "6s", escalation: String = Self.oneTier
    ) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-failover-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.database = database ?? "failover_\(UUID().uuidString.prefix(8).lowercased())"
        botNick = BotConfiguration.unique("sitrep")
        prefix = BotConfiguration.unique("#fo") + "-"
        announce = BotConfiguration.unique("#announce")
        webPorts = ["a": try FreePort.pick(), "b": try FreePort.pick()]
        try servers.botPassword.write(to: folder.appendingPathComponent("bot-password"), atomically: true, encoding: .utf8)
        try postgres.password.write(to: folder.appendingPathComponent("pg-password"), atomically: true, encoding: .utf8)
        try token.write(to: folder.appendingPathComponent("web-token"), atomically: true, encoding: .utf8)
        let hosts = (postgresHosts ?? ["\(postgres.host):\(postgres.port)"]).map { "\"\($0)\"" }.joined(separator: ", ")
        let tls = postgres.caFile.map { "{ enabled: true, ca_file: \"\($0)\" }" } ?? "{ enabled: false }"
        for instance in ["a", "b"] {
            let yaml = """
                irc:
                  host: \(servers.host)
                  port: \(servers.inspircdTLSPort)
                  tls: { enabled: true, ca_file: "\(servers.caFile)" }
                  nick: \(botNick)
                  sasl: { mechanism: plain, account: \(servers.botAccount), password_file: bot-password, required: true }
                  pacing: { burst: 5, lines_per_second: 2 }
                  reconnect: { initial_delay: 1s, max_delay: 5s }
                logging: { level: info }
                store:
                  postgres:
                    hosts: [\(hosts)]
                    database: \(self.database)
                    user: \(postgres.user)
                    password_file: pg-password
                    tls: \(tls)
                incidents:
                  channel_prefix: "\(prefix)"
                  announce_channel: "\(announce)"
                people: { commanders: [alice], responders: [bob, carol], allow_nick_identities: false }
                \(escalation)
                web:
                  listen: 127.0.0.1:\(webPorts[instance]!)
                  internal_token_file: web-token
                alerts:
                  token_file: web-token
                failover:
                  instance: \(instance)
                  lease_ttl: \(leaseTTL)

                """
            try yaml.write(to: config(instance), atomically: true, encoding: .utf8)
        }
    }
}

extension FailoverPair {
    /// A SEV1 pages bob 25 s after its declaration.
    static let oneTier = """
        escalation:
          policies:
            default:
              tiers:
                - notify: [bob]
                  after: 25s
        timers:
          sev1: { acknowledge: 25s, update_every: 10m }
        """

    /// A SEV1 pages bob 4 s after its declaration (tier 1) and carol 6 s after that (tier 2).
    static let twoTiers = """
        escalation:
          policies:
            default:
              tiers:
                - notify: [bob]
                  after: 4s
                - notify: [carol]
                  after: 6s
        timers:
          sev1: { acknowledge: 4s, update_every: 1h }
        """
}

/// The people of a failover test on the local InspIRCd: carol (declares, in the announce channel) and bob, both
/// responders; and which lines come from one of the pair's bots (whichever instance, whatever nick it got).
struct FailoverScene {
    let carol: ScriptedIRCUser
    let bob: ScriptedIRCUser
    let fromBot: @Sendable (IRCLine) -> Bool

    static func enter(_ pair: FailoverPair, servers: IRCTestServers) async throws -> FailoverScene {
        let carol = try await ScriptedIRCUser.loggedIn("carol", servers: servers)
        let bob = try await ScriptedIRCUser.loggedIn("bob", servers: servers)
        let humans = Set([carol.nick, bob.nick].map { $0.lowercased() })
        let botPrefix = pair.botNick.lowercased().prefix(6)
        try await carol.join(pair.announce)
        return FailoverScene(carol: carol, bob: bob) { line in
            guard let nick = line.sourceNick?.lowercased() else { return false }
            return !humans.contains(nick) && nick.hasPrefix(botPrefix)
        }
    }

    /// Starts `instance` of `pair` and waits until its bot joins the announce channel (it is active then).
    func startActive(_ instance: String, of pair: FailoverPair) async throws -> SitrepProcess {
        let process = try pair.start(instance)
        do {
            _ = try await carol.waitForLine(timeout: .seconds(40), "instance \(instance) joins the announce channel") {
                $0.command == "JOIN" && fromBot($0)
            }
        } catch {
            Issue.record("\(process.logTail())")
            throw error
        }
        return process
    }

    func leave() async {
        for user in [carol, bob] { await user.quit() }
    }
}
