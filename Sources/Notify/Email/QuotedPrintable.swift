/// Quoted-printable body encoding (RFC 2045 §6.7) of UTF-8 text: lines of at most 76 characters, soft line breaks
/// (`=` at the end) for longer ones, `=XX` for `=`, non-ASCII bytes and controls, and for a space or tab at a
/// line's end. Any mix of CRLF, LF and CR in the input becomes CRLF.
public enum QuotedPrintable {
    static let maximumLineLength = 76

    /// The encoded body, every line ending in CRLF.
    public static func encode(_ text: String) -> String {
        var out = ""
        for line in lines(of: text) {
            out += encodeLine(Array(line.utf8))
            out += "\r\n"
        }
        return out
    }

    /// The text of an encoded body: soft line breaks joined, `=XX` turned back into bytes (a malformed `=` is kept
    /// as it is). For reading back what `encode` wrote, e.g. a page email a test or a tool opens.
    public static func decode(_ body: String) -> String {
        let source = Array(body.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "="), index + 2 < source.count,
                let byte = UInt8(String(decoding: source[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func lines(of text: String) -> [Substring] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var out = ""
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let token: String
            if (byte == 0x20 || byte == 0x09) && !isLast {
                token = String(UnicodeScalar(byte))
            } else if (0x21...0x7E).contains(byte) && byte != UInt8(ascii: "=") {
                token = String(UnicodeScalar(byte))
            } else {
                token = "=" + hex(byte)
            }
            // Leave room for the soft break "=" (and, on the last token, nothing more).
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if lineLength + token.count > limit {
                out += "=\r\n"
                lineLength = 0
            }
            out += token
            lineLength += token.count
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
