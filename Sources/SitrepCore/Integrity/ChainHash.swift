/// A SHA-256 value in a timeline's hash chain: an entry's hash, the genesis value or a chain head.
///
/// 32 bytes kept inline (four big-endian words), so hashing a batch allocates nothing per entry. Written as 64
/// lowercase hex digits (`description`, `Codable`).
public struct ChainHash: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The bytes 0–7, 8–15, 16–23 and 24–31, each read big-endian.
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// The hash whose bytes are `bytes`; nil unless there are exactly 32.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for (index, byte) in bytes.enumerated() {
            switch index / 8 {
            case 0: words.0 = words.0 << 8 | UInt64(byte)
            case 1: words.1 = words.1 << 8 | UInt64(byte)
            case 2: words.2 = words.2 << 8 | UInt64(byte)
            default: words.3 = words.3 << 8 | UInt64(byte)
            }
        }
        self.words = words
    }

    /// The hash whose bytes are `raw` (no copy through an array); nil unless there are exactly 32.
    public init?(raw: UnsafeRawBufferPointer) {
        guard raw.count == 32 else { return nil }
        words = (
            UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
            UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
            UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
            UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        )
    }

    /// Calls `body` with the 32 bytes, without allocating.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let bigEndian = (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian)
        return try Swift.withUnsafeBytes(of: bigEndian, body)
    }

    /// The hash written as 64 hex digits (either case); nil for anything else.
    public init?(hex: some StringProtocol) {
        guard hex.utf8.count == 64, let bytes = Hex.bytes(hex) else { return nil }
        self.init(bytes: bytes)
    }

    /// The 32 bytes, in order.
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        append(to: &bytes)
        return bytes
    }

    /// Appends the 32 bytes to `buffer` (the chain's hashing input starts with the previous hash).
    public func append(to buffer: inout [UInt8]) {
        withUnsafeBytes { buffer.append(contentsOf: $0) }
    }

    /// 64 lowercase hex digits.
    public var description: String { Hex.string(bytes) }

    /// The first 8 hex digits and an ellipsis, for one-line reports (`3fa2c01b…`).
    public var abbreviated: String { String(description.prefix(8)) + "…" }

    public static func == (lhs: ChainHash, rhs: ChainHash) -> Bool {
        lhs.words == rhs.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let hash = ChainHash(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected 64 hex digits of a SHA-256 hash, got \(text)")
        }
        self = hash
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The last link of an incident's chain as the store recorded it: the sequence and hash of its last entry
/// (sequence 0 and the genesis value for an incident with no entries).
public struct ChainHead: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var hash: ChainHash

    public init(sequence: Int64, hash: ChainHash) {
        self.sequence = sequence
        self.hash = hash
    }
}
