/// Why an `IRCMessage` could not be turned into a line; the message was not sent.
public enum IRCSerializeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The command is empty or not ASCII letters/digits.
    case invalidCommand(String)
    /// The source has an empty nick or a part containing a space, `!`/`@` in the wrong place, CR, LF or NUL.
    case invalidSource(String)
    /// A tag key is empty or holds characters other than letters, digits, `-`, `.`, `/`, `+`, `_`.
    case invalidTagKey(String)
    /// More than 15 parameters.
    case tooManyParameters(Int)
    /// A parameter other than the last is empty, contains a space (or CR/LF/NUL) or starts with `:`.
    case invalidMiddleParameter(index: Int, value: String)
    /// The parts before the last parameter alone exceed 510 bytes, so truncating the last one cannot help.
    case lineTooLong(bytes: Int)

    public var description: String {
        switch self {
        case .invalidCommand(let command):
            "cannot send IRC command \"\(command)\": a command is letters or a 3-digit numeric"
        case .invalidSource(let source):
            "cannot send IRC source \"\(source)\": expected nick!user@host without spaces or control characters"
        case .invalidTagKey(let key):
            "cannot send IRC tag \"\(key)\": keys are letters, digits, '-', '.', '/', '+' and '_'"
        case .tooManyParameters(let count):
            "cannot send an IRC message with \(count) parameters: at most 15 are allowed"
        case .invalidMiddleParameter(let index, let value):
            "cannot send IRC parameter \(index) \"\(value)\": only the last parameter may be empty, "
                + "contain spaces or start with ':'"
        case .lineTooLong(let bytes):
            "cannot send IRC message: its command and leading parameters alone take \(bytes) bytes (limit 510)"
        }
    }
}
