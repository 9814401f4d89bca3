import OnCall
import SitrepCore
import SitrepWeb

/// The on-call feeds of the web side: each schedule's shifts from a week back to ``daysAhead`` days ahead, with the
/// overrides stored, as iCalendar.
struct ScheduleFeed: OnCallFeedSource {
    let schedules: SitrepConfig.Schedules
    let store: any OnCallOverrideStore

    static let daysBack: Int64 = 7
    static let daysAhead: Int64 = 90

    func calendar(schedule name: String, at now: Timestamp) async throws -> String? {
        guard let schedule = schedules.byName[name] else { return nil }
        let from = now.adding(.seconds(-Self.daysBack * 86_400))
        let to = now.adding(.seconds(Self.daysAhead * 86_400))
        let overrides = try await store.onCallOverrides(schedule: name, endingAfter: from)
        let shifts = schedule.shifts(from: from, to: to, overrides: overrides)
        return OnCallCalendar.render(schedule: name, shifts: shifts, generatedAt: now)
    }

    func isPublic(_ schedule: String) -> Bool { schedules.publicFeeds.contains(schedule) }
}
