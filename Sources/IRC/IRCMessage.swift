/// One IRC protocol message: IRCv3 tags, an optional source (prefix), a command or numeric, and its parameters.
///
/// This is a plain value; `IRCMessageParser` builds it from wire bytes and `IRCMessageSerializer` turns it back
/// into a line that can never carry CR, LF or NUL and never exceeds the protocol's length limits.
public struct IRCMessage: Sendable, Hashable {
    /// IRCv3 message tags in the order they appeared. A tag with an empty value has `value == nil`.
    public var tags: [Tag]
    /// Who sent the message (`nick!user@host` or a server name), when the line had a prefix.
    public var source: IRCSource?
    /// The command, upper-cased (`PRIVMSG`), or a three-digit numeric (`001`).
    public var command: String
    /// Parameters, the trailing one included as the last element without its leading colon.
    public var parameters: [String]

    public init(tags: [Tag] = [], source: IRCSource? = nil, command: String, parameters: [String] = []) {
        self.tags = tags
        self.source = source
        self.command = command
        self.parameters = parameters
    }

    /// An IRCv3 message tag (`key=value`); `value` is unescaped and `nil` when the tag had no or an empty value.
    public struct Tag: Sendable, Hashable {
        public var key: String
        public var value: String?

        public init(key: String, value: String? = nil) {
            self.key = key
            self.value = value
        }
    }

    /// The value of the tag named `key`; `nil` when absent or empty. When a key occurs more than once, the last
    /// occurrence wins, as the IRCv3 message-tags specification requires.
    public func tag(_ key: String) -> String? {
        tags.last { $0.key == key }?.value
    }

    /// Whether a tag named `key` is present, with or without a value.
    public func hasTag(_ key: String) -> Bool {
        tags.contains { $0.key == key }
    }

    /// The parameter at `index`, or `nil` when the message has fewer parameters.
    public func parameter(_ index: Int) -> String? {
        parameters.indices.contains(index) ? parameters[index] : nil
    }
}

/// The source (prefix) of a message: a user as `nick!user@host`, or a server name.
public struct IRCSource: Sendable, Hashable {
    /// The nick (or the server name when the source is a server).
    public var nick: String
    public var user: String?
    public var host: String?

    public init(nick: String, user: String? = nil, host: String? = nil) {
        self.nick = nick
        self.user = user
        self.host = host
    }

    /// The source as written on the wire: `nick!user@host`, `nick@host` or `nick`.
    public var wireForm: String {
        var text = nick
        if let user { text += "!" + user }
        if let host { text += "@" + host }
        return text
    }
}
