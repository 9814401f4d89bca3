/// A libolm call that failed, with the function and libolm's reason (`BAD_MESSAGE_MAC`, `OLM_BAD_ACCOUNT_KEY`…).
public struct OlmCryptoError: Error, Equatable, CustomStringConvertible {
    /// The libolm function that failed.
    public let function: String
    /// libolm's error name for the failure.
    public let reason: String

    public init(function: String, reason: String) {
        self.function = function
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case "BAD_ACCOUNT_KEY":
            "\(function): the pickle key does not open this pickle (a different key than the one it was stored with?)"
        case "BAD_MESSAGE_MAC":
            "\(function): the message was not encrypted for this session, or was altered (\(reason))"
        case "UNKNOWN_MESSAGE_INDEX":
            "\(function): the message is older than the first index this session knows (\(reason))"
        default: "\(function) failed: \(reason)"
        }
    }
}
