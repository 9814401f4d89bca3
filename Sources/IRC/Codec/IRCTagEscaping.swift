/// IRCv3 message-tag value escaping (`\:` `\s` `\\` `\r` `\n`), both directions.
///
/// Unescaping is lenient as the spec asks: an unknown escape `\x` becomes `x` and a lone trailing backslash is
/// dropped. Escaping never emits a space, `;`, CR, LF or NUL (NUL has no escape and is removed).
public enum IRCTagEscaping {
    /// Unescapes a tag value as received on the wire.
    public static func unescape(_ value: String) -> String {
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBufferPointer { unescape(UnsafeBufferPointer($0)) }
    }

    /// Escapes a tag value for the wire.
    public static func escape(_ value: String) -> String {
        String(decoding: escapedBytes(value), as: UTF8.self)
    }

    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard raw.contains(.backslash) else { return String(decoding: raw, as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            index += 1
            guard byte == .backslash else {
                out.append(byte)
                continue
            }
            guard index < raw.endIndex else { break }
            let escaped = raw[index]
            index += 1
            switch escaped {
            case UInt8(ascii: ":"): out.append(.semicolon)
            case UInt8(ascii: "s"): out.append(.space)
            case UInt8(ascii: "r"): out.append(.cr)
            case UInt8(ascii: "n"): out.append(.lf)
            default: out.append(escaped)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func escapedBytes(_ value: String) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case .semicolon: out += [.backslash, UInt8(ascii: ":")]
            case .space: out += [.backslash, UInt8(ascii: "s")]
            case .backslash: out += [.backslash, .backslash]
            case .cr: out += [.backslash, UInt8(ascii: "r")]
            case .lf: out += [.backslash, UInt8(ascii: "n")]
            case .nul: continue
            default: out.append(byte)
            }
        }
        return out
    }
}
