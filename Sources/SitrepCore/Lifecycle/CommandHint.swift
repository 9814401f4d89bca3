/// How sitrep writes a command in its own replies, pages and usage lines, so a hint is always in a form the reader
/// can type back.
///
/// Most clients swallow a line that starts with `/` (irssi, WeeChat, HexChat and The Lounge run it as their own
/// command; Element treats an unknown `/cmd` as its own), so hints use a prefix that every client sends as
/// ordinary text: `!` unless a network is configured with another (`irc.command_prefix`,
/// `matrix.command_prefix`). The prefix is a task-local value: the coordinator sets it to the prefix of the
/// network a reply, page or reminder goes to while it builds the text; pure code and tests see `!`.
///
/// Write a hint as `"\(command: "close")"` in a literal, and a fixed template with `/cmd`s (a command's usage
/// line) through ``render(_:)``.
public enum CommandHint {
    /// The prefix hints use where this task is building text (`!` by default).
    @TaskLocal public static var prefix: String = defaultPrefix

    /// The prefix a network gets when its configuration names none.
    public static let defaultPrefix = "!"

    /// `name` as the reader should type it: `!close`.
    public static func command(_ name: String) -> String { prefix + name }

    /// A fixed template (never user text) with every `/name` at the start of a word written with ``prefix``:
    /// `/declare [sevN] <title> or /declare from alert <n>` → `!declare [sevN] <title> or !declare from alert <n>`.
    /// A `/` inside a word (`<category>[/<sub>]`) stays.
    public static func render(_ template: String) -> String {
        let prefix = Self.prefix
        guard prefix != "/" else { return template }
        var result = ""
        var previous: Character = " "
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            let next = template.index(after: index)
            if character == "/", previous == " " || previous == "(", next < template.endIndex,
                template[next].isLetter
            {
                result += prefix
            } else {
                result.append(character)
            }
            previous = character
            index = next
        }
        return result
    }

    /// Why `text` cannot be a command prefix, or nil when it can: one to three characters, none of them a letter,
    /// a digit, a space, a control character, or `@` / `:` / `,` (the addressed form uses those).
    public static func problem(withPrefix text: String) -> String? {
        guard (1...3).contains(text.count) else { return "must be one to three characters, like ! or ." }
        for character in text {
            if character.isLetter || character.isNumber || character.isWhitespace || character == "@"
                || character == ":" || character == "," || character.unicodeScalars.contains(where: {
                    $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
                })
            {
                return "may not contain letters, digits, spaces, control characters, @, : or , (got \"\(text)\")"
            }
        }
        return nil
    }
}

extension String.StringInterpolation {
    /// `"… then \(command: "close")"`: the command written with the current ``CommandHint/prefix``.
    public mutating func appendInterpolation(command name: String) {
        appendLiteral(CommandHint.command(name))
    }
}
