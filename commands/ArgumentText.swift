/// Small helpers the command grammars share: words, the rest after a word, nick checks.
enum ArgumentText {
    static func isSpace(_ character: Character) -> Bool { character == " " || character == "\t" }

    static func isBlank(_ text: String) -> Bool { text.allSatisfy(isSpace) }

    /// `text` without leading and trailing spaces and tabs; inner text kept as typed.
    static func trimmed(_ text: some StringProtocol) -> String {
        guard let start = text.firstIndex(where: { !isSpace($0) }), let end = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[start...end])
    }

    /// An incident named in a command: `2`, `#2` or `INC-2` (any case); nil for anything else.
    static func incidentID(_ word: some StringProtocol) -> Int64? {
        var digits = Substring(String(word))
        if digits.hasPrefix("#") {
            digits = digits.dropFirst()
        } else if digits.lowercased().hasPrefix("inc-") {
            digits = digits.dropFirst(4)
        }
        guard (1...18).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let id = Int64(digits), id > 0
        else { return nil }
        return id
    }

    /// The words of `text`, split on spaces and tabs.
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: isSpace)
    }

    /// The first word and the trimmed rest (nil when empty), as typed.
    static func firstWord(_ text: String) -> (word: String, rest: String?)? {
        let text = trimmed(text)
        guard let word = text.split(whereSeparator: isSpace).first else { return nil }
        let rest = trimmed(text[word.endIndex...])
        return (String(word), rest.isEmpty ? nil : rest)
    }

    /// An IRC nick, with an optional leading `@` removed, or a whole Matrix user id (`@bob:example.org`); nil
    /// when neither.
    static func nick(_ word: some StringProtocol) -> String? {
        if let userID = matrixUserID(word) { return userID }
        var nick = Substring(String(word))
        if nick.hasPrefix("@") { nick = nick.dropFirst() }
        let special: Set<Character> = ["[", "]", "\\", "`", "_", "^", "{", "|", "}", "-"]
        guard let first = nick.first, !first.isNumber, first != "-", nick.count <= 64,
            nick.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || special.contains($0) })
        else { return nil }
        return String(nick)
    }

    /// `@localpart:server[:port]` with the characters user ids and server names allow, as typed.
    static func matrixUserID(_ word: some StringProtocol) -> String? {
        guard word.hasPrefix("@"), let colon = word.firstIndex(of: ":"), word.count <= 255 else { return nil }
        let localpart = word[word.index(after: word.startIndex)..<colon]
        let server = word[word.index(after: colon)...]
        let localAllowed: Set<Character> = [".", "_", "=", "-", "/", "+"]
        let serverAllowed: Set<Character> = [".", "-", ":", "[", "]"]
        guard !localpart.isEmpty, !server.isEmpty,
            localpart.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || localAllowed.contains($0) }),
            server.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || serverAllowed.contains($0) })
        else { return nil }
        return String(word)
    }
}
