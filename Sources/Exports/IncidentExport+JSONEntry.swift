import SitrepCore

extension IncidentExport.Entry {
    /// Appends this entry as a JSON object with sorted keys, written directly rather than through
    /// `JSONEncoder`: the transcript is nearly all of an export, and this is ~4× faster. Decodes to the same
    /// value as the `Codable` encoding (a test holds them together); strings are escaped per RFC 8259.
    func appendJSON(to json: inout String) {
        json += "{"
        if let account { json += "\"account\":"; Self.append(account, to: &json); json += "," }
        json += "\"author\":"
        Self.append(author, to: &json)
        if let detail { json += ",\"detail\":"; Self.append(detail, to: &json) }
        if let hash { json += ",\"hash\":\"\(hash)\"" }
        json += ",\"key_event\":\(keyEvent),\"kind\":\"\(kind.rawValue)\",\"sequence\":\(sequence),\"text\":"
        Self.append(text, to: &json)
        json += ",\"time\":\"\(time)\",\"time_ms\":\(timeMs)}"
    }

    /// `text` as a JSON string literal: quote, backslash and control characters escaped, the rest as is.
    static func append(_ text: String, to json: inout String) {
        json += "\""
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
        else {
            json += text
            json += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}
