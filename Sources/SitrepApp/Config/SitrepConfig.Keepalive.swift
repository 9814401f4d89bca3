extension SitrepConfig {
    /// Liveness: send a PING after `interval` of silence; give up on the connection after `timeout`.
    public struct Keepalive: Sendable, Equatable {
        public var interval: Duration
        public var timeout: Duration

        public init(interval: Duration = .seconds(60), timeout: Duration = .seconds(120)) {
            self.interval = interval
            self.timeout = timeout
        }
    }
}
