import SitrepCore

/// What the coordinator asks before it acts, in an active/standby pair: whether this instance may act at all
/// right now (a local check of its lease deadline), and, for a side effect that must go out once across the
/// pair (a reminder, a page), a claim in the store under the lease's epoch. `FailoverService` implements it;
/// a single instance has none and always acts.
public protocol EffectFence: Sendable {
    /// Whether this instance holds the lease and its local deadline has not passed.
    func mayAct() -> Bool
    /// Claims `key` under the current epoch: true when this instance should send it, false when it was claimed
    /// before (by this instance or one before it). Throws (and steps this instance down) when the lease moved.
    func claim(_ key: String) async throws -> Bool
}
