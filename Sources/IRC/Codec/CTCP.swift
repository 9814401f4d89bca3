/// A CTCP-aware view of PRIVMSG/NOTICE text: an ACTION (`/me`), another CTCP query/reply, or plain text.
///
/// CTCP wraps a message in 0x01 bytes: `\u{1}ACTION waves\u{1}`, `\u{1}VERSION\u{1}`. The closing 0x01 may be
/// missing. A bot answers VERSION/PING queries with a NOTICE and never answers a NOTICE.
public enum CTCP: Hashable, Sendable {
    /// `/me` text.
    case action(String)
    /// A CTCP command (upper-cased) with its argument, if any: a query in a PRIVMSG, a reply in a NOTICE.
    case query(command: String, argument: String?)
    /// Ordinary text.
    case plain(String)

    static let delimiter: Character = "\u{1}"

    /// Classifies the text of a PRIVMSG or NOTICE.
    public static func parse(_ text: String) -> CTCP {
        // U+0001 is a control character, a grapheme of its own: the first byte decides (no character breaking
        // on every chat line).
        guard text.utf8.first == 0x01 else { return .plain(text) }
        var body = text.dropFirst()
        if body.last == delimiter { body = body.dropLast() }
        let space = body.firstIndex(of: " ")
        let command = body[..<(space ?? body.endIndex)].uppercased()
        guard !command.isEmpty else { return .plain(text) }
        let argument = space.map { String(body[body.index(after: $0)...]) }
        if command == "ACTION" { return .action(argument ?? "") }
        return .query(command: command, argument: argument)
    }

    /// The text to put in a PRIVMSG/NOTICE for this value, 0x01 delimiters included.
    public var encoded: String {
        switch self {
        case .plain(let text): text
        case .action(let text): "\u{1}ACTION \(text)\u{1}"
        case .query(let command, nil): "\u{1}\(command)\u{1}"
        case .query(let command, let argument?): "\u{1}\(command) \(argument)\u{1}"
        }
    }

    /// A NOTICE to `nick` carrying a CTCP reply, such as `\u{1}VERSION sitrep 0.1.0\u{1}`.
    public static func reply(to nick: String, command: String, argument: String?) -> IRCMessage {
        IRCMessage(command: "NOTICE", parameters: [nick, CTCP.query(command: command, argument: argument).encoded])
    }

    /// The NOTICE answering a `VERSION` query from `nick`.
    public static func versionReply(to nick: String, version: String = "sitrep 0.1.0") -> IRCMessage {
        reply(to: nick, command: "VERSION", argument: version)
    }

    /// The NOTICE answering a `PING token` query from `nick` (the token is echoed back unchanged).
    public static func pingReply(to nick: String, token: String?) -> IRCMessage {
        reply(to: nick, command: "PING", argument: token)
    }

    /// A PRIVMSG to `target` with `/me text`.
    public static func actionMessage(to target: String, _ text: String) -> IRCMessage {
        IRCMessage(command: "PRIVMSG", parameters: [target, CTCP.action(text).encoded])
    }
}
