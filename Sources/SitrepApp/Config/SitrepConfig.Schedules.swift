import OnCall

extension SitrepConfig {
    /// The on-call schedules (`schedules:`), by name. Empty by default.
    public struct Schedules: Sendable, Equatable {
        public var byName: [String: OnCallSchedule]
        /// Schedules whose iCalendar feed is served without a token (`public_feed: true`).
        public var publicFeeds: Set<String>

        public init(byName: [String: OnCallSchedule] = [:], publicFeeds: Set<String> = []) {
            self.byName = byName
            self.publicFeeds = publicFeeds
        }

        /// The names, sorted.
        public var names: [String] { byName.keys.sorted() }
    }
}
