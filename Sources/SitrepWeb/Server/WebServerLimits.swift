/// How long the web server waits for slow or idle clients and how many connections it keeps at once, so that
/// whatever clients open cannot pin sockets and memory. Built from the `web:` config section.
public struct WebServerLimits: Sendable, Equatable {
    /// A kept-alive connection with no request in progress is closed after this long.
    public var idleTimeout: Duration
    /// A new connection must have sent its first request's head within this long; a request body must not stall
    /// longer than this between reads; and a connection closing after an early answer (a 413) is drained at most
    /// this long before it is closed.
    public var readTimeout: Duration
    /// At most this many connections are open at once. A new one over the limit makes room by closing the
    /// connection that has waited longest without a request in progress; when every connection is busy with a
    /// request, the new one is closed at once.
    public var maxConnections: Int

    public static let defaultIdleTimeout = Duration.seconds(30)
    public static let defaultReadTimeout = Duration.seconds(10)
    public static let defaultMaxConnections = 1024

    public init(
        idleTimeout: Duration = defaultIdleTimeout, readTimeout: Duration = defaultReadTimeout,
        maxConnections: Int = defaultMaxConnections
    ) {
        self.idleTimeout = idleTimeout
        self.readTimeout = readTimeout
        self.maxConnections = maxConnections
    }
}
