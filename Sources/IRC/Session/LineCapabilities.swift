/// The enabled capabilities that decide how each chat line is read, kept as flags beside the session's set of
/// capability names, so the per-line checks are loads rather than string hashes.
struct LineCapabilities: Sendable, Hashable {
    /// `account-tag`: the sender's account comes with each line.
    var accountTag: Bool
    /// `server-time`: each line carries the time the server received it.
    var serverTime: Bool
    /// `echo-message`: our own lines come back.
    var echoMessage: Bool

    init(_ enabled: Set<String>) {
        accountTag = enabled.contains("account-tag")
        serverTime = enabled.contains("server-time")
        echoMessage = enabled.contains("echo-message")
    }
}
