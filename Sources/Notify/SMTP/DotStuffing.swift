/// The transparency rule of SMTP DATA (RFC 5321 §4.5.2): a line that starts with "." gets a second "." so it is
/// not taken for the end of the message, and the message ends with `CRLF.CRLF`.
public enum DotStuffing {
    /// `content` (CRLF line endings) dot-stuffed and terminated, ready to write after the 354 reply.
    public static func terminatedMessage(_ content: String) -> String {
        var text = content
        if !text.isEmpty, !text.hasSuffix("\r\n") { text += "\r\n" }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        var atLineStart = true
        for scalar in text.unicodeScalars {
            if atLineStart, scalar == "." { out.unicodeScalars.append(".") }
            out.unicodeScalars.append(scalar)
            atLineStart = scalar == "\n"
        }
        return out + ".\r\n"
    }
}
