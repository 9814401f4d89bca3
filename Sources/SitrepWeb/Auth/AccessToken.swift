/// The operator's token for the internal views (full transcript, notes, review draft). It never prints itself,
/// and it is compared in time that does not depend on how much of a guess is right.
public struct AccessToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let bytes: [UInt8]

    /// `value` must not be empty (the config loader refuses an empty token).
    public init(_ value: String) {
        precondition(!value.isEmpty, "an empty access token would let anyone in")
        bytes = Array(value.utf8)
    }

    /// Whether `candidate` is the token. Reads every byte of `candidate` whatever it holds, so the time taken
    /// tells an attacker its length at most (which they chose), never how many bytes matched.
    public func matches(_ candidate: some Sequence<UInt8>) -> Bool {
        var difference: UInt8 = 0
        var count = 0
        for byte in candidate {
            difference |= byte ^ bytes[count % bytes.count]
            count += 1
        }
        return difference == 0 && count == bytes.count
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
