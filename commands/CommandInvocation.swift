import SitrepCore

/// A chat line recognised as a command to sitrep: its name and the text after it.
///
/// Real clients treat a leading `/` differently (irssi and WeeChat run it as their own command, HexChat sends it
/// raw, Element treats an unknown one as its own), so every form is accepted: `/cmd` and `//cmd` from the clients
/// that send them, the network's command prefix (`!cmd` by default; see `CommandHint`), and addressed to the bot by
/// nick (`sitrep: cmd`, `sitrep, cmd`); in a private message to the bot a bare `cmd` works too. Formatting codes
/// must already be stripped from the text.
public struct CommandInvocation: Sendable, Equatable {
    /// How the command was written; `/help` mentions every form.
    public enum Form: Sendable, Equatable {
        case slash
        case doubleSlash
        case bang
        case addressed
        case bare
    }

    /// The command name, lower-cased (`escalate`).
    public var name: String
    /// Everything after the name, trimmed of surrounding spaces.
    public var arguments: String
    public var form: Form

    public init(name: String, arguments: String, form: Form) {
        self.name = name
        self.arguments = arguments
        self.form = form
    }

    /// Recognises a command in `text`, or returns nil for ordinary chat.
    ///
    /// - Parameters:
    ///   - botNick: the nick the bot currently has, for the addressed form (compared case-insensitively).
    ///   - isPrivate: true in a private message to the bot, where a bare `cmd` is a command too.
    ///   - prefix: the network's command prefix (`!` unless configured otherwise).
    public static func recognize(
        _ text: Substring, botNick: String, isPrivate: Bool = false, prefix: String = CommandHint.defaultPrefix
    ) -> CommandInvocation? {
        recognize(text, botNames: [botNick], isPrivate: isPrivate, prefix: prefix)
    }

    /// Recognises a command in `text`, where the bot answers to any of `botNames` in the addressed form (on
    /// Matrix: its user id, its display name in the room, its localpart); the longest name that matches wins.
    public static func recognize(
        _ text: Substring, botNames: [String], isPrivate: Bool = false, prefix: String = CommandHint.defaultPrefix
    ) -> CommandInvocation? {
        let trimmed = text.drop { $0 == " " }
        if !prefix.isEmpty, !prefix.hasPrefix("/"), trimmed.hasPrefix(prefix) {
            return parse(trimmed.dropFirst(prefix.count), form: .bang)
        }
        if trimmed.hasPrefix("//") { return parse(trimmed.dropFirst(2), form: .doubleSlash) }
        if trimmed.hasPrefix("/") { return parse(trimmed.dropFirst(), form: .slash) }
        let names = botNames.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        if let rest = names.lazy.compactMap({ addressedRemainder(trimmed, botNick: $0) }).first {
            let command = rest.drop { $0 == " " }
            let unprefixed =
                command.hasPrefix("/") ? command.dropFirst()
                : !prefix.isEmpty && command.hasPrefix(prefix) ? command.dropFirst(prefix.count) : command
            return parse(unprefixed, form: .addressed)
        }
        return isPrivate ? parse(trimmed, form: .bare) : nil
    }

    /// A cheap test, without the bot's nick, that rules out most chat lines: only text that starts with `/`,
    /// `@` or the command prefix, or whose first word ends in `:` or `,` (an address), can be a command in a
    /// channel. ``mayAddressASpacedName(_:)`` lets through the addresses to a name with spaces (a Matrix display
    /// name).
    public static func couldBeCommand(_ text: String, prefix: String = CommandHint.defaultPrefix) -> Bool {
        // Every chat line passes here: an ASCII first word (the common case) is judged on its bytes.
        var bytes = text
        return bytes.withUTF8({ asciiVerdict($0, prefix: prefix) }) ?? couldBeCommandByCharacters(text, prefix: prefix)
    }

    /// ``couldBeCommand(_:prefix:)``'s rule read on characters: what it falls back to when the first word is not
    /// ASCII, and the reference its byte reading is tested against.
    public static func couldBeCommandByCharacters(_ text: String, prefix: String) -> Bool {
        for character in text {
            switch character {
            case " ": continue
            case "/", "@": return true
            case let other where other == prefix.first: return true
            default:
                let firstWord = text.drop { $0 == " " }.prefix { $0 != " " }
                return firstWord.contains(":") || firstWord.contains(",")
            }
        }
        return false
    }

    /// ``couldBeCommand(_:prefix:)`` on the UTF-8 bytes of a line whose first word is ASCII (there each byte is
    /// one character); nil when the first word is not ASCII.
    private static func asciiVerdict(_ bytes: UnsafeBufferPointer<UInt8>, prefix: String) -> Bool? {
        let space = UInt8(ascii: " ")
        var index = 0
        while index < bytes.count, bytes[index] == space { index += 1 }
        guard index < bytes.count else { return false }
        let first = index
        var addressed = false
        while index < bytes.count, bytes[index] != space {
            let byte = bytes[index]
            if byte >= 0x80 { return nil }
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: ",") { addressed = true }
            index += 1
        }
        // A combining mark after the space joins it into one character: the character rule decides.
        if index + 1 < bytes.count, bytes[index + 1] >= 0x80 { return nil }
        let start = bytes[first]
        if start == UInt8(ascii: "/") || start == UInt8(ascii: "@") { return true }
        if let prefixCharacter = prefix.first, prefixCharacter.asciiValue == start, prefixCharacter.isASCII { return true }
        return addressed
    }

    public static func recognize(
        _ text: String, botNick: String, isPrivate: Bool = false, prefix: String = CommandHint.defaultPrefix
    ) -> CommandInvocation? {
        recognize(Substring(text), botNick: botNick, isPrivate: isPrivate, prefix: prefix)
    }

    public static func recognize(
        _ text: String, botNames: [String], isPrivate: Bool = false, prefix: String = CommandHint.defaultPrefix
    ) -> CommandInvocation? {
        recognize(Substring(text), botNames: botNames, isPrivate: isPrivate, prefix: prefix)
    }

    /// Whether `text` has `: ` or `, ` early on, so it may address the bot by a name with spaces (`Incident Bot:
    /// status`): worth asking the network for the bot's names, when ``couldBeCommand(_:)`` said no.
    public static func mayAddressASpacedName(_ text: String) -> Bool {
        // Every chat line passes here: a scan of its contiguous bytes, no index walking.
        var text = text
        return text.withUTF8 { bytes in
            let end = min(bytes.count, longestAddress)
            var index = 0
            while index + 1 < end {
                let byte = bytes[index]
                if (byte == UInt8(ascii: ":") || byte == UInt8(ascii: ",")) && bytes[index + 1] == UInt8(ascii: " ") {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// How far into a line an address may end (bytes): a Matrix display name is at most 256 bytes.
    static let longestAddress = 260

    /// `sitrep: cmd`, `sitrep, cmd`, `@sitrep cmd` → the text after the address.
    private static func addressedRemainder(_ text: Substring, botNick: String) -> Substring? {
        // `@name` mentions the name; a name that starts with `@` (a Matrix user id) is matched as written.
        let rest = text.hasPrefix("@") && !botNick.hasPrefix("@") ? text.dropFirst() : text
        guard rest.count > botNick.count else { return nil }
        let head = rest.prefix(botNick.count)
        guard head.lowercased() == botNick.lowercased() else { return nil }
        let after = rest.dropFirst(botNick.count)
        guard let separator = after.first else { return nil }
        if separator == ":" || separator == "," { return after.dropFirst() }
        if separator == " " && text.hasPrefix("@") { return after }
        return nil
    }

    private static func parse(_ text: Substring, form: Form) -> CommandInvocation? {
        let name = text.prefix { $0 != " " }
        guard let first = name.first, first.isLetter,
            name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        else { return nil }
        let arguments = text.dropFirst(name.count).trimmingSpaces()
        return CommandInvocation(name: name.lowercased(), arguments: String(arguments), form: form)
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        let isText: (Character) -> Bool = { $0 != " " && $0 != "\t" }
        guard let start = firstIndex(where: isText), let last = lastIndex(where: isText) else { return "" }
        return self[start...last]
    }
}
