/// Splits chat text into pieces that each fit one PRIVMSG or NOTICE without the server cutting them.
///
/// The budget is what is left of 512 bytes once the server has put the bot's full prefix in front of the line:
/// `512 − len(":nick!user@host PRIVMSG target :") − 2`. Pieces break preferably at a space that stands alone as a
/// character (the space is dropped), otherwise between two characters (grapheme clusters), never inside a
/// formatting code such as a colour (`\u{3}12,04`). So a combining mark, a ZWJ or a skin-tone modifier never starts
/// a piece, and a colour code never loses its digits. Only a single character (or code) longer than the whole
/// budget is cut inside, at a Unicode scalar boundary: a multi-byte scalar is never cut. CR and LF (and CRLF) in
/// the text start a new piece, NUL becomes a space, and empty pieces are never produced.
public struct IRCTextSplitter: Sendable, Hashable {
    /// Conservative sizes to assume while the bot does not know its own `user@host` yet (USERLEN 10 and HOSTLEN 64
    /// are the common limits; InspIRCd uses both).
    public static let assumedUserLength = 10
    public static let assumedHostLength = 64
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
        guard line.utf8.count > budget else {
            pieces.append(line)
            return
        }
        let characters = Array(line)
        let sizes = characters.map(\.utf8.count)
        let glued = IRCFormatting.codeInteriors(of: characters)
        var start = 0
        while start < characters.count {
            var end = start
            var used = 0
            while end < characters.count, used + sizes[end] <= budget {
                used += sizes[end]
                end += 1
            }
            if end == characters.count {
                pieces.append(String(characters[start...]))
                return
            }
            // Where the piece may end, latest first: before `end`, ..., before `start + 1`.
            let ends = stride(from: end, to: start, by: -1)
            if let space = ends.first(where: { characters[$0] == " " }) {
                pieces.append(String(characters[start..<space]))
                start = space + 1
            } else if let cut = ends.first(where: { !glued.contains($0) }) {
                pieces.append(String(characters[start..<cut]))
                start = cut
            } else {
                start = cutOversized(characters, from: start, glued: glued, into: &pieces)
            }
        }
    }

    /// The last resort when not even the first character (or formatting code) fits the budget: that unit is cut at
    /// Unicode scalar boundaries, so a multi-byte scalar is still never split. Returns the index after the unit.
    private func cutOversized(
        _ characters: [Character], from start: Int, glued: Set<Int>, into pieces: inout [String]
    ) -> Int {
        var after = start + 1
        while after < characters.count, glued.contains(after) { after += 1 }
        let bytes = Array(String(characters[start..<after]).utf8)
        var offset = 0
        while offset < bytes.count {
            let cut = offset + UTF8Boundary.scalarBoundary(in: bytes[offset...], atOrBefore: budget)
            pieces.append(String(decoding: bytes[offset..<cut], as: UTF8.self))
            offset = cut
        }
        return after
    }
}
