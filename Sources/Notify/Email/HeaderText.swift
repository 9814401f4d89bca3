import Foundation

/// Turns user text (an incident title, a display name) into header content that cannot break out of its header:
/// control characters become spaces, and anything not plain printable ASCII is sent as RFC 2047 encoded-words,
/// folded so no line passes 78 characters.
enum HeaderText {
    /// `text` on one line: CR, LF, NUL, tabs and other controls become single spaces, ends trimmed.
    static func singleLine(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let isControl =
                scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}"
                || scalar == "\u{2029}"
            if isControl || scalar == " " {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        return out.trimmingSpaces
    }

    /// The header value for unstructured text (Subject): as-is when it is short printable ASCII without `=?`,
    /// else UTF-8 "B" encoded-words of at most 75 characters each, one per folded line. `prefixLength` is the
    /// length of `Name: ` before it.
    static func unstructured(_ text: String, prefixLength: Int) -> String {
        let line = singleLine(text)
        if isPlainASCII(line), !line.contains("=?"), prefixLength + line.utf8.count <= 78 { return line }
        return encodedWords(line)
    }

    /// A display name as a phrase (RFC 5322 §3.2.5): a quoted string when ASCII, else encoded-words.
    static func phrase(_ name: String) -> String {
        if isPlainASCII(name), !name.contains("=?"), name.utf8.count <= 60 {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        }
        return encodedWords(name)
    }

    /// `=?UTF-8?B?…?=` words, each from at most 39 bytes of UTF-8 (never splitting a Unicode scalar), joined by
    /// CRLF SPACE: a word is 64 characters, so even the first, after `Subject: `, keeps its line under 78.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }
}
