/// How a server compares nicknames and channel names case-insensitively (ISUPPORT `CASEMAPPING`).
///
/// Key every nick/channel table by the folded name, never by the raw one.
public enum IRCCasemapping: String, Sendable, Hashable, CaseIterable {
    /// `A-Z` plus `[]\^` fold to `a-z` and `{}|~` (the default when the server says nothing).
    ///
    /// RFC 1459 makes bytes 65–94 (`A`…`^`) the upper case of 97–126 (`a`…`~`), so `~` and `^` are equal and the
    /// folded (lower-case) form is `~`.
    case rfc1459 = "rfc1459"
    /// `A-Z` plus `[]\` fold to `a-z` and `{}|` (not `~`).
    case strictRFC1459 = "strict-rfc1459"
    /// Only `A-Z` fold to `a-z`.
    case ascii = "ascii"

    /// The casemapping for an ISUPPORT `CASEMAPPING` value; absent or unknown values mean `rfc1459`.
    public init(isupportValue: String?) {
        self = isupportValue.flatMap { IRCCasemapping(rawValue: $0.lowercased()) } ?? .rfc1459
    }

    /// `name` folded to lower case under this casemapping (non-ASCII is left alone).
    public func fold(_ name: String) -> String {
        var bytes = name
        guard bytes.withUTF8({ $0.contains { folded($0) != $0 } }) else { return name }
        // Folded into the new string's own storage (no intermediate array; a short name stays a small string).
        return String(unsafeUninitializedCapacity: name.utf8.count) { storage in
            var index = 0
            for byte in name.utf8 {
                storage[index] = folded(byte)
                index += 1
            }
            return index
        }
    }

    private func folded(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
        case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\\"): self == .ascii ? byte : byte + 32
        case UInt8(ascii: "^"): self == .rfc1459 ? UInt8(ascii: "~") : byte
        default: byte
        }
    }
}

/// A nickname or channel name that compares and hashes case-insensitively under a server's casemapping,
/// while remembering how it was spelled.
public struct IRCName: Sendable, Hashable, CustomStringConvertible {
    /// The name as last seen on the wire.
    public let raw: String
    /// The folded key used for equality and hashing.
    public let key: String

    public init(_ raw: String, casemapping: IRCCasemapping = .rfc1459) {
        self.raw = raw
        self.key = casemapping.fold(raw)
    }

    public static func == (lhs: IRCName, rhs: IRCName) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    public var description: String { raw }
}
