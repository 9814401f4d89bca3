/// Splits chat text into pieces that each fit one PRIVMSG or NOTICE without the server cutting them.
///
/// The budget is what is left of 512 bytes once the server has put the bot's full prefix in front of the line:
/// `512 − len(":nick!user@host PRIVMSG target :") − 2`. Pieces break preferably at a space, otherwise at a
/// grapheme boundary, otherwise at a Unicode scalar boundary: a multi-byte character is never cut. CR and LF
/// (and CRLF) in the text start a new piece, NUL becomes a space, and empty pieces are never produced.
public struct IRCTextSplitter: Sendable, Hashable {
    /// Conservative sizes to assume while the bot does not know its own `user@host` yet.
    public static let assumedUserLength = 10
    public static let assumedHostLength = 63
    /// The smallest budget a splitter accepts: one scalar of the longest UTF-8 form.
    public static let minimumBudget = 4

    /// The most UTF-8 bytes one piece may hold.
    public let budget: Int

    /// A splitter with an explicit byte budget (clamped to at least `minimumBudget`).
    public init(budget: Int) {
        self.budget = max(budget, Self.minimumBudget)
    }

    /// A splitter for messages to `target`, given the bot's prefix as the server shows it to others.
    /// A `user` or `host` the bot has not learned yet is assumed to be as long as common servers allow.
    public init(nick: String, user: String? = nil, host: String? = nil, command: String = "PRIVMSG", target: String) {
        let userLength = user?.utf8.count ?? Self.assumedUserLength
        let hostLength = host?.utf8.count ?? Self.assumedHostLength
        // ":" nick "!" user "@" host " " command " " target " :"
        let overhead =
            1 + nick.utf8.count + 1 + userLength + 1 + hostLength + 1 + command.utf8.count + 1
            + target.utf8.count + 2
        self.init(budget: 512 - overhead - 2)
    }

    /// A splitter for messages sent with `source` as the bot's prefix (see `init(nick:user:host:command:target:)`).
    public init(source: IRCSource, command: String = "PRIVMSG", target: String) {
        self.init(nick: source.nick, user: source.user, host: source.host, command: command, target: target)
    }

    /// The pieces of `text`, in order; empty when the text holds nothing but line breaks.
    public func split(_ text: String) -> [String] {
        var pieces: [String] = []
        for line in text.split(
            omittingEmptySubsequences: true,
            whereSeparator: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        ) {
            let cleaned = line.contains("\0") ? String(line.map { $0 == "\0" ? " " : $0 }) : String(line)
            splitLine(cleaned, into: &pieces)
        }
        return pieces
    }

    private func splitLine(_ line: String, into pieces: inout [String]) {
        let bytes = Array(line.utf8)
        guard bytes.count > budget else {
            pieces.append(line)
            return
        }
        let graphemeEnds = Set(line.indices.dropFirst().map { line.utf8.distance(from: line.startIndex, to: $0) })
        var start = 0
        while bytes.count - start > budget {
            let cut = cutPoint(bytes, from: start, graphemeEnds: graphemeEnds)
            pieces.append(String(decoding: bytes[start..<cut.end], as: UTF8.self))
            start = cut.next
        }
        if start < bytes.count { pieces.append(String(decoding: bytes[start...], as: UTF8.self)) }
    }

    /// Where the piece starting at `start` ends, and where the next one starts (after a space that was cut on).
    private func cutPoint(_ bytes: [UInt8], from start: Int, graphemeEnds: Set<Int>) -> (end: Int, next: Int) {
        let limit = start + budget
        if let space = bytes[(start + 1)...limit].lastIndex(of: .space) {
            return (space, space + 1)
        }
        if let grapheme = stride(from: limit, to: start, by: -1).first(where: { graphemeEnds.contains($0) }) {
            return (grapheme, grapheme)
        }
        let scalar = start + UTF8Boundary.scalarBoundary(in: bytes[start...], atOrBefore: budget)
        return (scalar, scalar)
    }
}
