/// Something that happened on the IRC network that the rest of sitrep may care about (recording it on a
/// timeline, reacting to a command). Produced by `IRCSession`; the session has already done the protocol work.
public struct IRCEvent: Sendable, Equatable {
    public var kind: Kind
    /// When the server says it happened (IRCv3 server-time), in milliseconds since the Unix epoch.
    public var serverTime: Int64?
    /// The server's id for the message (IRCv3 msgid), when offered.
    public var messageID: String?
    /// The type of the IRCv3 batch this arrived in (`chathistory` for replayed history), if any.
    public var batchType: String?

    public init(_ kind: Kind, serverTime: Int64? = nil, messageID: String? = nil, batchType: String? = nil) {
        self.kind = kind
        self.serverTime = serverTime
        self.messageID = messageID
        self.batchType = batchType
    }

    public enum Kind: Sendable, Equatable {
        /// Registration finished (001); `nick` is the nick the server gave us.
        case registered(nick: String)
        /// SASL finished: logged in to `account`.
        case authenticated(account: String)
        /// A PRIVMSG, NOTICE or CTCP ACTION, in a channel or to the bot.
        case message(IRCChatMessage)
        /// The bot itself joined a channel.
        case joined(channel: String)
        /// After registration, the bot is in its channels and knows their members, with their accounts where the
        /// server tells them (WHOX, else NAMES); or the wait for that (`IRCSession.membersWait`) ran out. Who is who
        /// is known from here on: a page to an account reaches that person's nick.
        case synced
        /// The bot left a channel (PART), or was kicked (`kickedBy` set).
        case left(channel: String, kickedBy: IRCUser?, reason: String?)
        /// Someone invited the bot to a channel.
        case invited(channel: String, by: IRCUser)
        case memberJoined(channel: String, user: IRCUser)
        case memberParted(channel: String, user: IRCUser, reason: String?)
        case memberKicked(channel: String, user: IRCUser, by: IRCUser, reason: String?)
        /// A user quit the network; `channels` are the shared channels they were in.
        case memberQuit(user: IRCUser, channels: [String], reason: String?)
        case nickChanged(from: String, user: IRCUser, channels: [String])
        case topicChanged(channel: String, topic: String, by: IRCUser?)
        case modeChanged(channel: String, by: IRCUser?, modes: [String])
        /// A user's account changed (account-notify, WHOX); `user.account == nil` means logged out.
        case accountChanged(user: IRCUser)
        /// Our own nick changed (a reclaim, or a forced change by the server).
        case ownNickChanged(nick: String)
        /// The server answered a line of ours naming `nick` with 401 ERR_NOSUCHNICK: nobody by that nick is on the
        /// network, so a direct message (a page) to it was dropped.
        case noSuchNick(nick: String)
        /// The connection is gone (emitted by the transport, not the session); a reconnect follows.
        case connectionLost(reason: String)
    }
}

/// A chat line: a PRIVMSG, a NOTICE or a CTCP ACTION.
public struct IRCChatMessage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case privmsg
        case notice
        case action
    }

    public var kind: Kind
    public var sender: IRCUser
    /// The target as sent (`#ops`, `@#ops`, or the bot's nick).
    public var target: String
    /// The channel, when the message went to one (STATUSMSG prefix removed); nil for a private message.
    public var channel: String?
    /// The text, with formatting codes as the user typed them (strip them before reading a command).
    public var text: String
    /// True when this is our own line echoed back by the server (echo-message).
    public var isOwnEcho: Bool
    /// The IRCv3 label of our line this echo answers, when labeled-response is on.
    public var label: String?

    public init(
        kind: Kind, sender: IRCUser, target: String, channel: String?, text: String,
        isOwnEcho: Bool = false, label: String? = nil
    ) {
        self.kind = kind
        self.sender = sender
        self.target = target
        self.channel = channel
        self.text = text
        self.isOwnEcho = isOwnEcho
        self.label = label
    }
}

/// Why the session asks the transport to drop the connection (and reconnect, with backoff).
public enum IRCDisconnectReason: Sendable, Equatable, CustomStringConvertible {
    /// The server did not answer our keepalive PING in time.
    case pingTimeout(Duration)
    /// Registration did not finish in time.
    case registrationTimeout(Duration)
    /// SASL was required and failed; `detail` is the server's reason.
    case saslFailed(detail: String)
    /// The server does not offer the SASL mechanism the configuration requires.
    case saslUnavailable(mechanism: String, offered: [String])
    /// Every nick we may use is taken or refused.
    case noUsableNick
    /// The server sent ERROR (it is closing the link).
    case serverError(String)

    public var description: String {
        switch self {
        case .pingTimeout(let lag): "no reply to PING within \(lag)"
        case .registrationTimeout(let limit): "registration did not finish within \(limit)"
        case .saslFailed(let detail): "SASL authentication failed: \(detail) (check the account and password)"
        case .saslUnavailable(let mechanism, let offered):
            "the server does not offer SASL \(mechanism) (offered: \(offered.isEmpty ? "none" : offered.joined(separator: ", ")))"
        case .noUsableNick: "every configured nick is in use or refused"
        case .serverError(let text): "server closed the link: \(text)"
        }
    }
}
