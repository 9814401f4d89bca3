/// Parses one received IRC line (tags, source, command, parameters) into an `IRCMessage`.
///
/// Built for the hot path: it scans the bytes once and allocates only the resulting strings. It is lenient where
/// real servers are sloppy: any number of spaces between tokens, a trailing CR/LF (stray CR/LF inside the line are
/// dropped), any number of parameters, and bytes that are not UTF-8 (decoded lossily to U+FFFD, so a line that a
/// server cut in the middle of a character still parses). It throws only for lines without a usable command.
public enum IRCMessageParser {
    /// Parses a line given as bytes, with or without its CRLF.
    public static func parse(_ line: ArraySlice<UInt8>) throws(IRCParseError) -> IRCMessage {
        if line.contains(where: { $0 == .cr || $0 == .lf }) {
            let cleaned = ArraySlice(line.filter { $0 != .cr && $0 != .lf })
            return try cleaned.withUnsafeBufferPointer { buffer throws(IRCParseError) in try parse(buffer) }
        }
        return try line.withUnsafeBufferPointer { buffer throws(IRCParseError) in try parse(buffer) }
    }

    /// Parses a line given as bytes, with or without its CRLF.
    public static func parse(_ line: [UInt8]) throws(IRCParseError) -> IRCMessage {
        try parse(line[...])
    }

    /// Parses a line given as text (tests, configuration, logs), with or without its CRLF.
    public static func parse(_ line: String) throws(IRCParseError) -> IRCMessage {
        try parse(Array(line.utf8))
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(IRCParseError) -> IRCMessage {
        var cursor = Cursor(bytes: bytes)
        cursor.skipSpaces()
        guard !cursor.atEnd else { throw .emptyLine }

        var tags: [IRCMessage.Tag] = []
        if cursor.peek == .at {
            cursor.advance()
            tags = parseTags(cursor.token())
            cursor.skipSpaces()
        }
        var source: IRCSource?
        if cursor.peek == .colon {
            cursor.advance()
            source = parseSource(cursor.token())
            cursor.skipSpaces()
        }
        let command = try parseCommand(cursor.token())
        let parameters = parseParameters(&cursor)
        return IRCMessage(tags: tags, source: source, command: command, parameters: parameters)
    }

    private static func parseCommand(_ token: UnsafeBufferPointer<UInt8>) throws(IRCParseError) -> String {
        guard !token.isEmpty else { throw .missingCommand }
        var hasLowercase = false
        for byte in token {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): hasLowercase = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            default: throw .invalidCommand(String(decoding: token, as: UTF8.self))
            }
        }
        // Servers send commands in upper case: taken as they are (a command of up to 15 bytes is a small string,
        // stored without an allocation); a lower-case one is upper-cased into the string's own storage.
        guard hasLowercase else { return String(decoding: token, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: token.count) { storage in
            for (index, byte) in token.enumerated() {
                storage[index] = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
            }
            return token.count
        }
    }

    private static func parseParameters(_ cursor: inout Cursor) -> [String] {
        var parameters: [String] = []
        while true {
            cursor.skipSpaces()
            guard let first = cursor.peek else { return parameters }
            if first == .colon {
                cursor.advance()
                parameters.append(String(decoding: cursor.rest(), as: UTF8.self))
                return parameters
            }
            parameters.append(String(decoding: cursor.token(), as: UTF8.self))
        }
    }

    /// Splits `nick!user@host` (or a server name) into its parts; an empty prefix means no source.
    static func parseSource(_ token: UnsafeBufferPointer<UInt8>) -> IRCSource? {
        guard !token.isEmpty else { return nil }
        let at = token.firstIndex(of: .atSign)
        let beforeHost = at ?? token.endIndex
        let bang = token[..<beforeHost].firstIndex(of: .bang)
        let nickEnd = bang ?? beforeHost
        let nick = String(decoding: UnsafeBufferPointer(rebasing: token[..<nickEnd]), as: UTF8.self)
        let user = bang.map {
            String(decoding: UnsafeBufferPointer(rebasing: token[($0 + 1)..<beforeHost]), as: UTF8.self)
        }
        let host = at.map { String(decoding: UnsafeBufferPointer(rebasing: token[($0 + 1)...]), as: UTF8.self) }
        return IRCSource(nick: nick, user: user, host: host)
    }

    /// Parses the tag section (without its `@`): `key[=value]` pairs separated by `;`, values unescaped.
    static func parseTags(_ section: UnsafeBufferPointer<UInt8>) -> [IRCMessage.Tag] {
        var tags: [IRCMessage.Tag] = []
        var start = section.startIndex
        while start < section.endIndex {
            let end = section[start...].firstIndex(of: .semicolon) ?? section.endIndex
            let pair = section[start..<end]
            start = end + 1
            guard !pair.isEmpty else { continue }
            let equals = pair.firstIndex(of: .equals)
            let key = String(decoding: UnsafeBufferPointer(rebasing: pair[..<(equals ?? pair.endIndex)]), as: UTF8.self)
            guard !key.isEmpty else { continue }
            var value: String?
            if let equals, equals + 1 < pair.endIndex {
                value = IRCTagEscaping.unescape(UnsafeBufferPointer(rebasing: pair[(equals + 1)...]))
            }
            tags.append(IRCMessage.Tag(key: key, value: value?.isEmpty == true ? nil : value))
        }
        return tags
    }
}

/// A read position in a line; tokens are returned as views into the same buffer (no copies).
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var atEnd: Bool { index >= bytes.endIndex }
    var peek: UInt8? { atEnd ? nil : bytes[index] }

    mutating func advance() { index += 1 }

    mutating func skipSpaces() {
        while index < bytes.endIndex, bytes[index] == .space { index += 1 }
    }

    /// The bytes up to the next space (or the end), leaving the cursor on that space.
    mutating func token() -> UnsafeBufferPointer<UInt8> {
        let start = index
        while index < bytes.endIndex, bytes[index] != .space { index += 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
    }

    /// Everything left on the line.
    mutating func rest() -> UnsafeBufferPointer<UInt8> {
        let start = index
        index = bytes.endIndex
        return UnsafeBufferPointer(rebasing: bytes[start...])
    }
}

extension UInt8 {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let nul: UInt8 = 0
    static let space = UInt8(ascii: " ")
    static let colon = UInt8(ascii: ":")
    static let semicolon = UInt8(ascii: ";")
    static let equals = UInt8(ascii: "=")
    static let at = UInt8(ascii: "@")
    static let atSign = UInt8(ascii: "@")
    static let bang = UInt8(ascii: "!")
    static let backslash = UInt8(ascii: "\\")
}
