/// Who a user is, as far as the IRC server lets the bot know.
///
/// An account (from SASL on the server side, seen through account-tag, extended-join, account-notify or WHOX) is
/// an authenticated identity; a nick is only a name anyone can take when its owner leaves. Code that grants
/// rights must look at which of the two it has.
public enum IRCIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The services account the user is logged in to.
    case account(String)
    /// No account known: only the current nick.
    case nick(String)

    public var isAuthenticated: Bool {
        if case .account = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .account(let name): "account:\(name)"
        case .nick(let name): "nick:\(name)"
        }
    }
}

/// A user on the network as the session knows them: nick, user and host when seen, and account when known.
public struct IRCUser: Sendable, Hashable {
    public var nick: String
    public var user: String?
    public var host: String?
    /// The services account, when the server told us (nil = not logged in or unknown).
    public var account: String?

    public init(nick: String, user: String? = nil, host: String? = nil, account: String? = nil) {
        self.nick = nick
        self.user = user
        self.host = host
        self.account = account
    }

    init(source: IRCSource, account: String? = nil) {
        self.init(nick: source.nick, user: source.user, host: source.host, account: account)
    }

    /// The account when known, otherwise the nick; see `IRCIdentity`.
    public var identity: IRCIdentity {
        account.map(IRCIdentity.account) ?? .nick(nick)
    }
}
