/// What an `IRCSession` needs to know to register and stay registered. Plain values; no secrets are logged.
public struct IRCSessionConfiguration: Sendable {
    /// SASL as configured by the operator.
    public enum SASL: Sendable, Equatable {
        case none
        /// PLAIN with an account and password; the password is only ever put on the wire base64-encoded.
        case plain(account: String, password: String, required: Bool)
        /// EXTERNAL: the TLS client certificate is the credential.
        case external(required: Bool)

        var mechanismName: String? {
            switch self {
            case .none: nil
            case .plain: "PLAIN"
            case .external: "EXTERNAL"
            }
        }

        var isRequired: Bool {
            switch self {
            case .none: false
            case .plain(_, _, let required), .external(let required): required
            }
        }
    }

    public var nick: String
    public var alternateNicks: [String]
    public var username: String
    public var realname: String
    public var sasl: SASL
    /// Channels to join after registration and to rejoin after every reconnect.
    public var channels: [String]
    /// Send our own PING after this long without hearing from the server.
    public var keepaliveInterval: Duration
    /// Give up on the connection when our PING is not answered within this.
    public var keepaliveTimeout: Duration
    public var registrationTimeout: Duration
    /// Text for CTCP VERSION replies.
    public var versionReply: String

    public init(
        nick: String, alternateNicks: [String] = [], username: String = "sitrep",
        realname: String = "sitrep incident bot", sasl: SASL = .none, channels: [String] = [],
        keepaliveInterval: Duration = .seconds(60), keepaliveTimeout: Duration = .seconds(120),
        registrationTimeout: Duration = .seconds(60), versionReply: String = "sitrep"
    ) {
        self.nick = nick
        self.alternateNicks = alternateNicks.isEmpty ? [nick + "_", nick + "1", nick + "2"] : alternateNicks
        self.username = username
        self.realname = realname
        self.sasl = sasl
        self.channels = channels
        self.keepaliveInterval = keepaliveInterval
        self.keepaliveTimeout = keepaliveTimeout
        self.registrationTimeout = registrationTimeout
        self.versionReply = versionReply
    }
}

extension IRCSessionConfiguration.SASL: CustomStringConvertible, CustomDebugStringConvertible {
    /// Names the mechanism and account, never the password.
    public var description: String {
        switch self {
        case .none: "none"
        case .plain(let account, _, let required): "PLAIN(account: \(account), password: <redacted>, required: \(required))"
        case .external(let required): "EXTERNAL(required: \(required))"
        }
    }

    public var debugDescription: String { description }
}
