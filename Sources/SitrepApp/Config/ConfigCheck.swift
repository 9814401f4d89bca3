import SitrepCore

/// The logic of `sitrep check-config`, apart from the process so tests can call it directly.
public enum ConfigCheck {
    /// What to print and how to exit.
    public struct Report: Sendable, Equatable {
        /// `true` when the config loaded; the command exits 0.
        public var succeeded: Bool
        /// Lines for standard output: `config OK: FILE` and a summary (never secrets).
        public var output: [String]
        /// Lines for standard error: every problem, one per line, or warnings.
        public var errors: [String]
    }

    /// Loads the config at `path` and reports the outcome.
    public static func run(path: String, environment: [String: String]) -> Report {
        do throws(ConfigError) {
            let config = try SitrepConfig.load(path: path, environment: environment)
            let warnings = config.warnings.map { "warning: \($0)" }
            return Report(succeeded: true, output: ["config OK: \(path)"] + summary(of: config), errors: warnings)
        } catch {
            return Report(succeeded: false, output: [], errors: error.lines)
        }
    }

    /// A few lines describing what the bot will do, without secrets.
    public static func summary(of config: SitrepConfig) -> [String] {
        describe(config.irc) + describe(config.matrix) + [
            "  logging:  \(config.logging.level.rawValue)",
            "  store:    \(describe(config.store))",
            "  announce: \(config.incidents.announceChannel ?? "(none)")",
            "  people:   \(describe(config.people))",
            "  web:      \(describe(config.web))",
            "  escalation: \(describeTimers(config))",
        ] + describeAlerts(config.alerts) + describeFailover(config.failover) + describeSchedules(config)
    }

    /// The IRC server, nick, channels and SASL, or `irc: off (Matrix only)`.
    private static func describe(_ irc: SitrepConfig.IRC?) -> [String] {
        guard let irc else { return ["  irc:      off (Matrix only)"] }
        let channels = irc.channels.isEmpty ? "(none)" : irc.channels.joined(separator: ", ")
        return [
            "  server:   \(irc.host):\(irc.port) (\(describe(irc.tls, enabled: irc.tls.enabled)))",
            "  nick:     \(irc.nick) (alternates: \(irc.alternateNicks.joined(separator: ", ")))",
            "  channels: \(channels)",
            "  sasl:     \(describe(irc.sasl))",
        ]
    }

    /// `  matrix:   @sitrep:example.org on https://matrix.example.org (TLS verified); rooms: …; announce: …`.
    private static func describe(_ matrix: SitrepConfig.Matrix?) -> [String] {
        guard let matrix else { return [] }
        let tls = matrix.homeserver.hasPrefix("https:") ? describe(matrix.caFile, insecure: matrix.insecure) : "plain HTTP"
        let rooms = matrix.rooms.isEmpty ? "(none)" : matrix.rooms.joined(separator: ", ")
        return [
            "  matrix:   \(matrix.userID) on \(matrix.homeserver) (\(tls)); rooms: \(rooms); announce: \(matrix.announceRoom ?? "(none)")"
        ]
    }

    /// `TLS`, `TLS, trusting ca.crt`, `TLS, certificate NOT verified` or `plaintext`.
    private static func describe(_ tls: SitrepConfig.TLS, enabled: Bool) -> String {
        enabled ? describe(tls.caFile, insecure: tls.insecure) : "plaintext"
    }

    private static func describe(_ caFile: String?, insecure: Bool) -> String {
        if insecure { return "TLS, certificate NOT verified" }
        return caFile.map { "TLS, trusting \($0)" } ?? "TLS"
    }

    /// `  failover: instance sitrep-a, lease 6 s (acts only while it holds the lease)`, when configured.
    private static func describeFailover(_ failover: SitrepConfig.Failover?) -> [String] {
        guard let failover else { return [] }
        let seconds = failover.leaseTTL.components.seconds
        return ["  failover: instance \(failover.instance), lease \(seconds) s (acts only while it holds the lease)"]
    }

    /// `  alerts:   /hooks/alertmanager and /hooks/generic (bearer token, HMAC); 2 rules`, when configured.
    private static func describeAlerts(_ alerts: SitrepConfig.Alerts?) -> [String] {
        guard let alerts else { return [] }
        let credentials = [alerts.token.map { _ in "bearer token" }, alerts.hmacSecret.map { _ in "HMAC" }]
            .compactMap { $0 }.joined(separator: ", ")
        let rules = count(alerts.policy.rules.count, "rule")
        return ["  alerts:   /hooks/alertmanager and /hooks/generic (\(credentials)); \(rules)"]
    }

    /// `off`, or `http://127.0.0.1:8080, internal views on (public URL https://status.example.org)`.
    private static func describe(_ web: SitrepConfig.Web?) -> String {
        guard let web else { return "off" }
        let host = web.host.contains(":") ? "[\(web.host)]" : web.host
        var text = "http://\(host):\(web.port), internal views \(web.internalToken == nil ? "off" : "on")"
        if let url = web.publicURL { text += " (public URL \(url))" }
        return text
    }

    /// `2 policies, 1 team; timers for sev1, sev2, sev3`, or `none; no timers`.
    private static func describeTimers(_ config: SitrepConfig) -> String {
        let escalation = config.escalation
        let policies =
            escalation.policies.isEmpty && escalation.teams.isEmpty
            ? "none"
            : count(escalation.policies.count, "policy", "policies") + ", " + count(escalation.teams.count, "team")
        let timed = Severity.allCases.filter { config.timers.bySeverity[$0].map { $0 != SeverityTimers() } ?? false }
        let names = timed.map { "sev\($0.rawValue)" }.joined(separator: ", ")
        let timers = timed.isEmpty ? "no timers" : "timers for " + names
        return policies + "; " + timers
    }

    /// `1 team`, `2 teams`.
    private static func count(_ number: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
    }

    /// `2 commanders, 1 responder (1 nick entry ignored)`.
    private static func describe(_ people: SitrepConfig.People) -> String {
        let listed = people.commanders + people.responders
        let ignored = people.allowNickIdentities ? 0 : listed.count(where: { !$0.isAuthenticated })
        var text =
            count(people.commanders.count, "commander") + ", " + count(people.responders.count, "responder")
        if ignored > 0 { text += ignored == 1 ? " (1 nick entry ignored)" : " (\(ignored) nick entries ignored)" }
        return text
    }

    private static func describe(_ sasl: SitrepConfig.SASL) -> String {
        let required = sasl.required ? "required" : "optional"
        switch sasl.mechanism {
        case .none: return "none"
        case .plain(let account, _): return "plain as \(account) (\(required))"
        case .external: return "external (\(required))"
        }
    }

    /// The SQLite file, or `postgres DB as USER on HOST:PORT, … (TLS …)`; never the password.
    private static func describe(_ store: SitrepConfig.Store) -> String {
        guard let postgres = store.postgres else { return store.sqlitePath }
        let hosts = postgres.hosts.map { "\($0.host):\($0.port)" }.joined(separator: ", ")
        var transport = postgres.tls.enabled ? "TLS" : "plaintext"
        if postgres.tls.enabled && postgres.tls.insecure {
            transport += ", certificate NOT verified"
        } else if let caFile = postgres.tls.caFile {
            transport += ", trusting \(caFile)"
        }
        return "postgres \(postgres.database) as \(postgres.user) on \(hosts) (\(transport))"
    }
}
