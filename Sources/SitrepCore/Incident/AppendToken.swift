/// Names one write of timeline lines, so that the write repeated after an error whose outcome was unknown (the
/// database went away while it committed) is stored once: the store records the token in the write's own
/// transaction, and a write whose token is already recorded stores nothing.
///
/// The writer makes one per batch (random, 128 bits) and keeps it across its retries of that batch; a token is
/// never reused for other lines. Stores forget tokens after a day.
public struct AppendToken: Sendable, Hashable, CustomStringConvertible {
    /// 32 lowercase hex digits.
    public let value: String

    /// A fresh random token.
    public init() {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        value = Self.hex(high) + Self.hex(low)
    }

    /// A token as stored (tests, imports).
    public init(_ value: String) {
        self.value = value
    }

    public var description: String { value }

    /// Whether the store may prune old tokens in this write: one write in sixteen, chosen by the token itself.
    public var prunes: Bool { value.hasPrefix("0") }

    private static func hex(_ number: UInt64) -> String {
        let digits = String(number, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
