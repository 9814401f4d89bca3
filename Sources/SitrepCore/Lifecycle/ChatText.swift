/// Makes user text safe to echo in one outgoing chat line.
///
/// Stored text stays faithful (timeline entries keep what was typed); only replies, announcements and topics go
/// through here, so a CR/LF in a title can never inject a second IRC command.
public enum ChatText {
    /// `text` on one line: CR, LF, NEL and Unicode line/paragraph separators become a space, tab a space, other
    /// control characters (NUL, C0, DEL, C1) are dropped, runs of spaces collapse; longer than `limit` characters
    /// is cut with `…`.
    public static func oneLine(_ text: some StringProtocol, limit: Int = 300) -> String {
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isBreak =
                value == 0x0A || value == 0x0D || value == 0x09 || value == 0x85 || value == 0x2028
                || value == 0x2029 || value == 0x20
            if isBreak {
                if !lastWasSpace { scalars.append(" ") }
                lastWasSpace = true
                continue
            }
            if value < 0x20 || (0x7F...0x9F).contains(value) { continue }
            scalars.append(scalar)
            lastWasSpace = false
        }
        let line = String(scalars)
        guard line.count > limit else { return line }
        return String(line.prefix(limit - 1)) + "…"
    }
}

extension Duration {
    /// `1h 2m 5s`, `45s`, `0s`: for chat replies.
    public var chatDescription: String {
        let total = max(0, components.seconds)
        let hours = total / 3600
        let minutes = total / 60 % 60
        let seconds = total % 60
        var parts: [String] = []
        if hours > 0 { parts.append("\(hours)h") }
        if minutes > 0 { parts.append("\(minutes)m") }
        if seconds > 0 || parts.isEmpty { parts.append("\(seconds)s") }
        return parts.joined(separator: " ")
    }
}
