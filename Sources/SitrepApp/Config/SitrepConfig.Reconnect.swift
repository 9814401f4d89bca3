extension SitrepConfig {
    /// Exponential reconnect backoff bounds.
    public struct Reconnect: Sendable, Equatable {
        public var initialDelay: Duration
        public var maxDelay: Duration

        public init(initialDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60)) {
            self.initialDelay = initialDelay
            self.maxDelay = maxDelay
        }
    }
}
