import SitrepCore

/// Reads and checks `irc:`, into ``SitrepConfig/IRC``: the server, the bot's identity, channels and timing; TLS and
/// SASL in ``IRCConfigReader+Security``, pacing and timeouts in ``IRCConfigReader+Timing``. Every bad value is
/// reported as `irc.key: reason`.
enum IRCConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case host, port, tls, nick
        case alternateNicks = "alternate_nicks"
        case username, realname, sasl, channels, pacing, reconnect, keepalive
        case quitMessage = "quit_message"
        case commandPrefix = "command_prefix"
    }

    /// The IRC network; a placeholder after reporting when `irc:` is missing (a config without `matrix:` needs it).
    static func read(_ irc: ConfigReader<Key>?, context: ConfigContext) -> SitrepConfig.IRC {
        guard let irc else {
            if !context.hasProblem(at: "irc") {
                context.report("irc", "required but missing: configure a chat network, irc: (at least irc.host and irc.nick), matrix: or both")
            }
            return SitrepConfig.IRC(host: "", nick: "")
        }
        let writtenHost = irc.string(.host)
        let port = irc.int(.port)
        let tlsSection = irc.mapping(TLSKey.self, .tls)
        let writtenNick = irc.string(.nick)
        let alternateNicks = irc.stringList(.alternateNicks)
        let username = irc.string(.username)
        let writtenRealname = irc.string(.realname)
        let saslSection = irc.mapping(SASLKey.self, .sasl)
        let channels = irc.stringList(.channels)
        let pacing = irc.mapping(PacingKey.self, .pacing)
        let reconnect = irc.mapping(ReconnectKey.self, .reconnect)
        let keepalive = irc.mapping(KeepaliveKey.self, .keepalive)
        let writtenQuitMessage = irc.string(.quitMessage)
        let commandPrefix = irc.string(.commandPrefix)

        let tls = self.tls(tlsSection, context)
        let host = context.checked(context.required(writtenHost, "irc.host"), "irc.host", IRCNameRules.hostProblem)
        let nick = context.checked(context.required(writtenNick, "irc.nick"), "irc.nick", IRCNameRules.nickProblem)
        let realname = context.checked(writtenRealname, "irc.realname") {
            IRCNameRules.freeTextProblem($0, allowEmpty: false)
        }
        let quitMessage = context.checked(writtenQuitMessage, "irc.quit_message") {
            IRCNameRules.freeTextProblem($0, allowEmpty: true)
        }
        var config = SitrepConfig.IRC(
            host: host ?? "",
            port: self.port(port, tls: tls.enabled, irc),
            tls: tls,
            nick: nick ?? "",
            alternateNicks: alternateNicks.map {
                context.checkedList($0, "irc.alternate_nicks", IRCNameRules.nickProblem)
            },
            username: context.checked(username, "irc.username", IRCNameRules.usernameProblem)
                ?? ConfigDefaults.username,
            realname: realname ?? ConfigDefaults.realname,
            sasl: sasl(saslSection, tls: tls, context),
            channels: self.channels(channels, context),
            pacing: self.pacing(pacing, context),
            reconnect: self.reconnect(reconnect, context),
            keepalive: self.keepalive(keepalive, context),
            quitMessage: quitMessage ?? ConfigDefaults.quitMessage
        )
        config.commandPrefix =
            context.checked(commandPrefix, "irc.command_prefix", CommandHint.problem(withPrefix:))
            ?? CommandHint.defaultPrefix
        return config
    }

    private static func port(_ port: Int?, tls: Bool, _ irc: ConfigReader<Key>) -> Int {
        guard let port else { return ConfigDefaults.port(tls: tls) }
        if !(1...65535).contains(port) {
            irc.report(.port, "must be between 1 and 65535, got \(port)")
        }
        return port
    }

    private static func channels(_ written: [String?]?, _ context: ConfigContext) -> [String] {
        let channels = context.checkedList(written ?? [], "irc.channels", IRCNameRules.channelProblem)
        var seen: [String: Int] = [:]
        for (index, channel) in (written ?? []).enumerated() {
            guard let channel else { continue }
            if let first = seen[channel.lowercased()] {
                context.report(
                    "irc.channels[\(index)]", "duplicate of irc.channels[\(first)] \(IRCNameRules.quoted(channel))")
            } else {
                seen[channel.lowercased()] = index
            }
        }
        return channels
    }
}
