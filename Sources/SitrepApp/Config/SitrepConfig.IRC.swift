import SitrepCore

extension SitrepConfig {
    /// The IRC connection: server, identity, authentication, channels and timing.
    public struct IRC: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var tls: TLS
        public var nick: String
        /// Tried in order when `nick` is in use.
        public var alternateNicks: [String]
        public var username: String
        public var realname: String
        public var sasl: SASL
        /// Channels to join, each starting with a channel prefix (`#&+!`).
        public var channels: [String]
        public var pacing: Pacing
        public var reconnect: Reconnect
        public var keepalive: Keepalive
        public var quitMessage: String
        /// What sitrep answers to besides `/cmd` and its nick, and how its hints write commands (`irc.command_prefix`,
        /// `!` by default). Not an init parameter: few configurations change it.
        public var commandPrefix = CommandHint.defaultPrefix

        public init(
            host: String,
            port: Int? = nil,
            tls: TLS = TLS(),
            nick: String,
            alternateNicks: [String]? = nil,
            username: String = ConfigDefaults.username,
            realname: String = ConfigDefaults.realname,
            sasl: SASL = SASL(),
            channels: [String] = [],
            pacing: Pacing = Pacing(),
            reconnect: Reconnect = Reconnect(),
            keepalive: Keepalive = Keepalive(),
            quitMessage: String = ConfigDefaults.quitMessage
        ) {
            self.host = host
            self.port = port ?? ConfigDefaults.port(tls: tls.enabled)
            self.tls = tls
            self.nick = nick
            self.alternateNicks = alternateNicks ?? ConfigDefaults.alternateNicks(for: nick)
            self.username = username
            self.realname = realname
            self.sasl = sasl
            self.channels = channels
            self.pacing = pacing
            self.reconnect = reconnect
            self.keepalive = keepalive
            self.quitMessage = quitMessage
        }
    }
}
