extension SitrepConfig {
    /// Outgoing flood control: a token bucket of `burst` lines refilled at `linesPerSecond`.
    public struct Pacing: Sendable, Equatable {
        public var burst: Int
        public var linesPerSecond: Double

        public init(burst: Int = 5, linesPerSecond: Double = 1.0) {
            self.burst = burst
            self.linesPerSecond = linesPerSecond
        }
    }
}
