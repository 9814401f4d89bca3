/// The transaction id of a send (`PUT /rooms/{id}/send/{type}/{txnId}`), derived from the action it performs so
/// that a retry after a timeout or a restart reuses it and the server posts the message only once.
///
/// Shape: a readable prefix from the parts (characters outside `[A-Za-z0-9_-]` become `_`, at most 47 of them),
/// a `.`, and 16 hex digits of a 64-bit FNV-1a hash of the exact parts. URL-safe without escaping, at most 64
/// characters, equal for equal parts, different (up to the hash) for different parts even when their readable
/// forms coincide. The homeserver scopes transaction ids to the device, so a fixed device id matters.
public struct MatrixTransactionID: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    static let maximumPrefix = 47

    /// The id for `parts`, in order; the same parts always give the same id.
    public init(parts: [String]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0x1f) &* 0x100_0000_01b3  // a separator no part can fake: "a|b" ≠ "ab"
        }
        let readable = parts.joined(separator: "-").unicodeScalars.prefix(Self.maximumPrefix).map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
                || scalar == "_") ? Character(scalar) : "_"
        }
        let hex = String(hash, radix: 16)
        rawValue = String(readable) + "." + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A send performed by an incident action: `kind` names it (`reply`, `announce`, `page`, …), `sequence`
    /// numbers it within the incident (e.g. the timeline entry or the effect it carries out).
    public static func action(incidentID: Int64, kind: String, sequence: Int64) -> MatrixTransactionID {
        MatrixTransactionID(parts: ["i\(incidentID)", kind, "\(sequence)"])
    }

    /// Part `part` of the reply to the event `eventID` (a command): unique because event ids are.
    public static func reply(to eventID: String, part: Int) -> MatrixTransactionID {
        MatrixTransactionID(parts: ["re", eventID, "\(part)"])
    }

    public var description: String { rawValue }
}
