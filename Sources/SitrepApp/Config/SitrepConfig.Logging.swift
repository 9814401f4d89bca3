import Logging

extension SitrepConfig {
    /// Log output settings.
    public struct Logging: Sendable, Equatable {
        public var level: Logger.Level

        public init(level: Logger.Level = .info) {
            self.level = level
        }
    }
}
