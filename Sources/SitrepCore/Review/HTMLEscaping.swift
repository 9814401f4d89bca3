/// Escapes text for HTML element content and double- or single-quoted attribute values.
///
/// Every string that reaches the review's HTML goes through here, user-typed or not: `&`, `<`, `>`, `"` and
/// `'` become entities, and control characters other than tab and line feed are dropped (they are not allowed
/// in HTML).
public enum HTMLEscaping {
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
