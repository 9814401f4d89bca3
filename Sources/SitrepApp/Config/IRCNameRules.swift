/// The naming rules the config enforces on nicks, channels and the other identity strings, so a typo is caught by
/// `sitrep check-config` instead of by the server at 3 a.m. Each check returns the reason a value is wrong, or `nil`.
public enum IRCNameRules {
    public static let maxNickLength = 30
    public static let maxChannelLength = 50
    /// Leaves room for an incident number in a 50-character channel name.
    public static let maxChannelPrefixLength = 20
    /// The characters a channel name may start with.
    public static let channelPrefixes: Set<Character> = ["#", "&", "+", "!"]

    /// RFC 2812 "special" characters, allowed anywhere in a nick.
    private static let nickSpecials: Set<Unicode.Scalar> = ["[", "]", "\\", "`", "_", "^", "{", "|", "}"]

    /// Why `nick` is not a valid IRC nickname (letters, digits, `[]\`_^{|}-`; not starting with a digit or `-`).
    public static func nickProblem(_ nick: String) -> String? {
        guard let first = nick.unicodeScalars.first else { return "must not be empty" }
        if nick.count > maxNickLength {
            return "must be at most \(maxNickLength) characters, got \(nick.count)"
        }
        if first == "-" || ("0"..."9").contains(first) {
            return "must not start with a digit or '-', got \(quoted(nick))"
        }
        if nick.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            return "must not contain spaces, got \(quoted(nick))"
        }
        if let bad = nick.unicodeScalars.first(where: { !isNickScalar($0) }) {
            return "must contain only letters, digits and []\\`_^{|}-, got \(quoted(String(bad))) in \(quoted(nick))"
        }
        return nil
    }

    /// Why `channel` is not a valid channel name.
    public static func channelProblem(_ channel: String) -> String? {
        guard let first = channel.first else { return "must not be empty" }
        guard channelPrefixes.contains(first) else {
            return "must start with a channel prefix (#, &, + or !), got \(quoted(channel))"
        }
        if channel.unicodeScalars.contains(where: {
            $0 == " " || $0 == "," || $0.properties.generalCategory == .control
        }) {
            return "must not contain spaces, commas or control characters, got \(quoted(channel))"
        }
        if channel.count > maxChannelLength {
            return "must be at most \(maxChannelLength) characters, got \(channel.count)"
        }
        return channel.count == 1 ? "must have a name after the prefix, got \(quoted(channel))" : nil
    }

    /// Why `prefix` cannot start incident channel names (prefix + incident number).
    public static func channelPrefixProblem(_ prefix: String) -> String? {
        guard let first = prefix.first else { return "must not be empty" }
        guard channelPrefixes.contains(first) else {
            return "must start with a channel prefix (#, &, + or !), got \(quoted(prefix))"
        }
        if prefix.unicodeScalars.contains(where: {
            $0 == " " || $0 == "," || $0.properties.generalCategory == .control
        }) {
            return "must not contain spaces, commas or control characters, got \(quoted(prefix))"
        }
        if prefix.count > maxChannelPrefixLength {
            return "must be at most \(maxChannelPrefixLength) characters, got \(prefix.count)"
        }
        return nil
    }

    /// Why `role` is not a role name: a lower-case word (`a-z`, digits, `-`, `_`) starting with a letter, as
    /// `/role` lower-cases what it is given.
    public static func roleProblem(_ role: String) -> String? {
        guard let first = role.unicodeScalars.first else { return "must not be empty" }
        let isLetter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) }
        let isWordScalar: (Unicode.Scalar) -> Bool = {
            isLetter($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        guard isLetter(first), role.unicodeScalars.allSatisfy(isWordScalar) else {
            return "must be a lower-case word (a-z, digits, '-' or '_', starting with a letter), got \(quoted(role))"
        }
        return nil
    }

    /// Why `username` is not usable as the USER name (the ident part of `nick!user@host`).
    public static func usernameProblem(_ username: String) -> String? {
        if username.isEmpty { return "must not be empty" }
        if username.unicodeScalars.contains(where: {
            $0 == " " || $0 == "@" || $0.properties.generalCategory == .control
        }) {
            return "must not contain spaces, '@' or control characters, got \(quoted(username))"
        }
        return nil
    }

    /// Why `text` cannot be sent as free text (realname, quit message): line breaks and NUL would end the line.
    public static func freeTextProblem(_ text: String, allowEmpty: Bool) -> String? {
        if !allowEmpty && text.isEmpty { return "must not be empty" }
        if text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            return "must be a single line (no line breaks or NUL)"
        }
        return nil
    }

    /// Why `host` is not a host name or IP address.
    public static func hostProblem(_ host: String) -> String? {
        if host.isEmpty { return "must not be empty" }
        if host.contains("://") { return "must be a host name or IP address, not a URL, got \(quoted(host))" }
        if host.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "/" }) {
            return "must be a host name or IP address, got \(quoted(host))"
        }
        return nil
    }

    private static func isNickScalar(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "-" || nickSpecials.contains(scalar)
    }

    static func quoted(_ value: String) -> String {
        "\"\(value)\""
    }
}
