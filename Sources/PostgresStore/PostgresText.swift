/// A string stored byte for byte in a PostgreSQL `text` column, including NUL.
///
/// PostgreSQL's `text` cannot hold NUL (U+0000), which IRC lines may carry. Strings are stored with a reversible
/// escape: NUL becomes DLE "0" and DLE (U+0010) becomes DLE DLE; every other string, that is nearly all of them,
/// is stored as it is, so comparisons, `lower()` and the full-text index see the real text. Reading undoes the
/// escape. The chain hashes the original strings, so stored bytes and hashes agree after decoding.
enum PostgresText {
    private static let nul: UInt8 = 0
    private static let dle: UInt8 = 0x10

    /// The form stored in the database.
    static func encode(_ string: String) -> String {
        var string = string
        let needsEscape = string.withUTF8 { bytes in bytes.contains { $0 == nul || $0 == dle } }
        guard needsEscape else { return string }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count + 8)
        for byte in string.utf8 {
            switch byte {
            case nul: bytes += [dle, UInt8(ascii: "0")]
            case dle: bytes += [dle, dle]
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func encode(_ string: String?) -> String? {
        string.map { encode($0) }
    }

    /// The original string of a stored one.
    static func decode(_ stored: String) -> String {
        var stored = stored
        let escaped = stored.withUTF8 { $0.contains(dle) }
        guard escaped else { return stored }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(stored.utf8.count)
        var pending = false
        for byte in stored.utf8 {
            if pending {
                bytes.append(byte == UInt8(ascii: "0") ? nul : byte)
                pending = false
            } else if byte == dle {
                pending = true
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decode(_ stored: String?) -> String? {
        stored.map { decode($0) }
    }
}
