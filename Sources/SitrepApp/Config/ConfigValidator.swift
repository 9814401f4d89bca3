import Logging
import SitrepCore

/// Turns a ``RawConfig`` into a ``SitrepConfig``: applies defaults, checks every rule, resolves file paths against
/// the config file's directory and resolves the SASL secret. It never stops at the first problem; the caller
/// accepts the result only if ``problems`` is empty (values built around a problem are placeholders).
struct ConfigValidator {
    let context: ConfigContext

    var configDirectory: String { context.configDirectory }
    var environment: [String: String] { context.environment }
    var secrets: SitrepConfig.Secrets { context.secrets }
    var problems: [ConfigProblem] { context.problems }
    var scheduleNames: [String] { context.scheduleNames }

    // MARK: Reporting

    func report(_ keyPath: String, _ reason: String) { context.report(keyPath, reason) }
    func hasProblem(at keyPath: String) -> Bool { context.hasProblem(at: keyPath) }
    func required<T>(_ value: T?, _ keyPath: String) -> T? { context.required(value, keyPath) }
    func checked(_ value: String?, _ keyPath: String, _ rule: (String) -> String?) -> String? {
        context.checked(value, keyPath, rule)
    }
    func validateList(_ raw: [String?], _ keyPath: String, _ rule: (String) -> String?) -> [String] {
        context.checkedList(raw, keyPath, rule)
    }
    func optionalSecret(
        in section: String, env: (key: String, value: String?), file: (key: String, value: String?)
    ) -> Secret? { context.optionalSecret(in: section, env: env, file: file) }
    func secretFromEnvironment(_ name: String, keyPath: String) -> Secret? {
        context.secretFromEnvironment(name, keyPath: keyPath)
    }
    func secretFromFile(_ path: String, keyPath: String) -> Secret? { context.secretFromFile(path, keyPath: keyPath) }
    func pemFile(_ path: String?, _ keyPath: String, _ kind: ConfigContext.PEMKind) -> String? {
        context.pemFile(path, keyPath, kind)
    }
    func readFile(_ path: String, _ keyPath: String) -> (String, String)? { context.readFile(path, keyPath) }

    // MARK: Sections

    mutating func validateIRC(_ raw: RawIRC?) -> SitrepConfig.IRC {
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

    mutating func validateLogging(_ raw: RawLogging?) -> SitrepConfig.Logging {
        guard let text = raw?.level else { return SitrepConfig.Logging() }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            report("logging.level", "must be one of \(names), got \(IRCNameRules.quoted(text))")
            return SitrepConfig.Logging()
        }
        return SitrepConfig.Logging(level: level)
    }
}
