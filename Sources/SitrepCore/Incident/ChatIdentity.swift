/// Who someone is on a chat network, independent of the protocol: an authenticated account (IRC services
/// account, later a Matrix user id) or, where the network gives none, only a nick.
///
/// Rights are granted to identities. A nick identity is weaker: the operator decides in config whether nicks
/// are accepted at all for responders and commanders.
public struct ChatIdentity: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case account
        case nick
    }

    /// The configured network this identity belongs to (e.g. `irc`).
    public var network: String
    public var kind: Kind
    /// The account name or the nick, as the network spells it.
    public var name: String

    public init(network: String, kind: Kind, name: String) {
        self.network = network
        self.kind = kind
        self.name = name
    }

    public static func account(_ name: String, network: String = "irc") -> ChatIdentity {
        ChatIdentity(network: network, kind: .account, name: name)
    }

    public static func nick(_ name: String, network: String = "irc") -> ChatIdentity {
        ChatIdentity(network: network, kind: .nick, name: name)
    }

    public var isAuthenticated: Bool { kind == .account }

    public var description: String { "\(kind.rawValue):\(name)" }
}

/// A person as sitrep shows them: the identity rights are checked against, and the nick to address them by.
public struct Participant: Sendable, Hashable, Codable, CustomStringConvertible {
    public var identity: ChatIdentity
    /// The nick (display name) they had when last seen.
    public var nick: String

    public init(identity: ChatIdentity, nick: String) {
        self.identity = identity
        self.nick = nick
    }

    public var description: String { nick }
}

/// A channel or room on a configured network.
public struct ChatChannel: Sendable, Hashable, Codable, CustomStringConvertible {
    public var network: String
    public var name: String

    public init(network: String = "irc", name: String) {
        self.network = network
        self.name = name
    }

    public var description: String { name }

    /// Whether a message target names a channel or room (`#ops`, `&local`, a Matrix `!room:server`) rather than a
    /// person.
    public static func isChannelName(_ target: String) -> Bool {
        target.first.map { "#&+!".contains($0) } ?? false
    }
}
