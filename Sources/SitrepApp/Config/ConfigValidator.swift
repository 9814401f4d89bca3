import Logging
import SitrepCore

/// Turns a ``RawConfig`` into a ``SitrepConfig``: applies defaults, checks every rule, resolves file paths against
/// the config file's directory and resolves the SASL secret. It never stops at the first problem; the caller
/// accepts the result only if ``problems`` is empty (values built around a problem are placeholders).
struct ConfigValidator {
    let configDirectory: String
    let environment: [String: String]
    /// Which secrets are read (the others get a placeholder, and their variable or file is not looked at).
    let secrets: SitrepConfig.Secrets
    private(set) var problems: [ConfigProblem]
    /// The names under `schedules:` as written, for `schedule:NAME` in `notify:` lists.
    var scheduleNames: [String] = []

    init(
        configDirectory: String, environment: [String: String], secrets: SitrepConfig.Secrets = .all,
        problems: [ConfigProblem] = []
    ) {
        self.configDirectory = configDirectory
        self.environment = environment
        self.secrets = secrets
        self.problems = problems
    }

    mutating func validate(_ raw: RawConfig) -> SitrepConfig {
        let irc = raw.irc == nil && raw.matrix != nil ? nil : validateIRC(raw.irc)
        let logging = validateLogging(raw.logging)
        let store = validateStore(raw.store)
        let incidents = validateIncidents(raw.incidents)
        let matrix = validateMatrix(raw.matrix)
        scheduleNames = (raw.schedules ?? []).map(\.name)
        let schedules = validateSchedules(raw.schedules)
        var config = SitrepConfig(
            irc: irc,
            logging: logging,
            store: store,
            incidents: incidents,
            people: validatePeople(raw.people),
            escalation: validateEscalation(raw.escalation),
            timers: validateTimers(raw.timers, roles: incidents.roles),
            alerts: validateAlerts(raw.alerts, announceChannel: incidents.announceChannel ?? matrix?.announceRoom),
            web: validateWeb(raw.web),
            failover: validateFailover(raw.failover),
            matrix: matrix,
            smtp: validateSMTP(raw.smtp),
            schedules: schedules
        )
        config.paging = validatePaging(raw.paging, hasSMTP: config.smtp != nil || raw.smtp != nil)
        return config
    }

    // MARK: Reporting

    mutating func report(_ keyPath: String, _ reason: String) {
        problems.append(ConfigProblem(keyPath: keyPath, reason: reason))
    }

    /// Whether a problem was already reported at `keyPath`, e.g. a type mismatch that left the raw value `nil`.
    func hasProblem(at keyPath: String) -> Bool {
        problems.contains { $0.keyPath == keyPath }
    }

    /// `value`, or a "required" problem if it is missing (unless it is missing because it was mistyped).
    mutating func required<T>(_ value: T?, _ keyPath: String) -> T? {
        if value == nil && !hasProblem(at: keyPath) {
            report(keyPath, "required but missing")
        }
        return value
    }

    /// `value` after checking it with `rule`, which returns the reason it is wrong.
    mutating func checked(_ value: String?, _ keyPath: String, _ rule: (String) -> String?) -> String? {
        guard let value else { return nil }
        if let reason = rule(value) {
            report(keyPath, reason)
            return nil
        }
        return value
    }

    // MARK: Sections

    private mutating func validateIRC(_ raw: RawIRC?) -> SitrepConfig.IRC {
        guard let raw else {
            if !hasProblem(at: "irc") {
                report("irc", "required but missing: configure a chat network, irc: (at least irc.host and irc.nick), matrix: or both")
            }
            return SitrepConfig.IRC(host: "", nick: "")
        }
        let tls = validateTLS(raw.tls)
        let host = checked(required(raw.host, "irc.host"), "irc.host", IRCNameRules.hostProblem)
        let nick = checked(required(raw.nick, "irc.nick"), "irc.nick", IRCNameRules.nickProblem)
        let realname = checked(raw.realname, "irc.realname") { IRCNameRules.freeTextProblem($0, allowEmpty: false) }
        let quitMessage = checked(raw.quitMessage, "irc.quit_message") {
            IRCNameRules.freeTextProblem($0, allowEmpty: true)
        }
        var irc = SitrepConfig.IRC(
            host: host ?? "",
            port: validatePort(raw.port, tls: tls.enabled),
            tls: tls,
            nick: nick ?? "",
            alternateNicks: raw.alternateNicks.map {
                validateList($0, "irc.alternate_nicks", IRCNameRules.nickProblem)
            },
            username: checked(raw.username, "irc.username", IRCNameRules.usernameProblem) ?? ConfigDefaults.username,
            realname: realname ?? ConfigDefaults.realname,
            sasl: validateSASL(raw.sasl, tls: tls),
            channels: validateChannels(raw.channels),
            pacing: validatePacing(raw.pacing),
            reconnect: validateReconnect(raw.reconnect),
            keepalive: validateKeepalive(raw.keepalive),
            quitMessage: quitMessage ?? ConfigDefaults.quitMessage
        )
        irc.commandPrefix =
            checked(raw.commandPrefix, "irc.command_prefix", CommandHint.problem(withPrefix:)) ?? CommandHint.defaultPrefix
        return irc
    }

    private mutating func validatePort(_ port: Int?, tls: Bool) -> Int {
        guard let port else { return ConfigDefaults.port(tls: tls) }
        if !(1...65535).contains(port) {
            report("irc.port", "must be between 1 and 65535, got \(port)")
        }
        return port
    }

    private mutating func validateChannels(_ raw: [String?]?) -> [String] {
        let channels = validateList(raw ?? [], "irc.channels", IRCNameRules.channelProblem)
        var seen: [String: Int] = [:]
        for (index, channel) in (raw ?? []).enumerated() {
            guard let channel else { continue }
            if let first = seen[channel.lowercased()] {
                report("irc.channels[\(index)]", "duplicate of irc.channels[\(first)] \(IRCNameRules.quoted(channel))")
            } else {
                seen[channel.lowercased()] = index
            }
        }
        return channels
    }

    /// Checks each element of a list of names; a `null` element is usually an unquoted `#channel`, which YAML reads
    /// as a comment.
    mutating func validateList(_ raw: [String?], _ keyPath: String, _ rule: (String) -> String?) -> [String] {
        var valid: [String] = []
        for (index, item) in raw.enumerated() {
            guard let item else {
                report("\(keyPath)[\(index)]", YAMLHint.unquotedHash)
                continue
            }
            if let value = checked(item, "\(keyPath)[\(index)]", rule) { valid.append(value) }
        }
        return valid
    }

    private mutating func validateLogging(_ raw: RawLogging?) -> SitrepConfig.Logging {
        guard let text = raw?.level else { return SitrepConfig.Logging() }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            report("logging.level", "must be one of \(names), got \(IRCNameRules.quoted(text))")
            return SitrepConfig.Logging()
        }
        return SitrepConfig.Logging(level: level)
    }
}
