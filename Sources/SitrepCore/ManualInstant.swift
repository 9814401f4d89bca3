/// A point on a manually driven timeline, for testing clock-generic state machines without sleeping.
///
/// Production code uses `ContinuousClock.Instant`; tests start at `.zero` and add durations.
public struct ManualInstant: InstantProtocol, Sendable, Hashable, CustomStringConvertible {
    public var offset: Duration

    public init(offset: Duration) {
        self.offset = offset
    }

    public static let zero = ManualInstant(offset: .zero)

    public func advanced(by duration: Duration) -> ManualInstant {
        ManualInstant(offset: offset + duration)
    }

    public func duration(to other: ManualInstant) -> Duration {
        other.offset - offset
    }

    public static func < (lhs: ManualInstant, rhs: ManualInstant) -> Bool {
        lhs.offset < rhs.offset
    }

    public var description: String { "t+\(offset)" }
}
