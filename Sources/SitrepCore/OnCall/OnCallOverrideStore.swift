/// Durable storage of on-call overrides (`!override`, `!oncall take`). Both stores implement it and pass the same
/// contract tests. Overrides are never edited or deleted: a newer one covering the same time wins.
public protocol OnCallOverrideStore: Sendable {
    /// Stores `override` and returns it with its id; ids increase in order of creation.
    func addOnCallOverride(_ override: OnCallOverride) async throws -> OnCallOverride

    /// The overrides of `schedule` (of every schedule when nil) that end after `after`, oldest first.
    func onCallOverrides(schedule: String?, endingAfter after: Timestamp) async throws -> [OnCallOverride]
}
