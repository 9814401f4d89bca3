/// Why a received line could not be parsed into an `IRCMessage`.
///
/// A parse error is never fatal: the connection logs the description and skips the line.
public enum IRCParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line held nothing but whitespace, CR or LF.
    case emptyLine
    /// The line had tags and/or a source but no command after them.
    case missingCommand
    /// The command was neither letters nor a numeric (the bytes are shown lossily decoded).
    case invalidCommand(String)

    public var description: String {
        switch self {
        case .emptyLine:
            "empty IRC line (ignored)"
        case .missingCommand:
            "IRC line has tags or a source but no command (ignored; check the server or a proxy in between)"
        case .invalidCommand(let command):
            "IRC line has an invalid command \"\(command)\" (ignored; expected letters or a 3-digit numeric)"
        }
    }
}
