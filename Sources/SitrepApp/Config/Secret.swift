/// A resolved secret (the SASL password). It never prints itself: `description`, `debugDescription` and its
/// `Mirror` all hide the value, so a config or error can be logged or dumped without leaking it.
/// Read the value only where it is sent, with ``reveal()``.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The secret itself. Call this only at the point where the value is put on the wire.
    public func reveal() -> String {
        value
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
