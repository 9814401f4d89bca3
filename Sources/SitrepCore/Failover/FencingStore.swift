/// What an active/standby pair keeps in the store beside the lease: the side effects the active instance claimed
/// before sending them (fencing), and the alert notifications a standby took in for the active one to handle.
/// Part of every `IncidentStore` backend.
///
/// Guarantees every implementation keeps:
/// - `claimEffect` is one transaction that first checks that `holder` still holds the lease under `epoch`
///   (throwing `LeaseLost` otherwise) and then records `key`; it returns true only for the first claim of a key,
///   ever, so a side effect claimed by a dead instance is never sent again by its successor.
/// - `takeQueuedAlerts` checks the lease the same way and removes what it returns in the same transaction, so
///   each queued webhook call is handed to exactly one active instance.
public protocol FencingStore: Sendable {
    /// Claims the side effect `key` for `holder` under `epoch`; false when it was claimed before (by anyone).
    /// Throws `LeaseLost` when the lease is no longer `holder`'s under `epoch`.
    func claimEffect(_ key: String, holder: String, epoch: Int64, at time: Timestamp) async throws -> Bool
    /// Throws `LeaseLost` unless `holder` holds the lease under `epoch` (a read; for side effects that need no
    /// claim, such as a reply to a command this instance received).
    func checkLease(holder: String, epoch: Int64) async throws
    /// Records what the claimed effect `key` sends (`payload`, the actions encoded by the caller), so that a
    /// successor can send it again if its delivery is never confirmed.
    func describeEffect(_ key: String, payload: String) async throws
    /// Settles a claimed effect: `echoed` (the chat server echoed every line back) or `resent` (a successor sent
    /// it again). Settled effects are never sent again.
    func settleEffect(_ key: String, outcome: EffectOutcome, at time: Timestamp) async throws
    /// Effects claimed under an epoch before `epoch`, described but never settled: perhaps sent, perhaps not, by
    /// an instance that died before the chat server's echo confirmed them. Oldest claim first.
    func unsettledEffects(before epoch: Int64) async throws -> [UnsettledEffect]
    /// Keeps one webhook call's alerts (`payload`, the notices encoded by the caller) until the active instance
    /// takes them.
    func queueAlerts(_ payload: String, at time: Timestamp) async throws
    /// Removes and returns up to `limit` queued webhook calls, oldest first. Throws `LeaseLost` as `claimEffect`.
    func takeQueuedAlerts(holder: String, epoch: Int64, limit: Int) async throws -> [QueuedAlerts]
}

/// How a claimed side effect was settled.
public enum EffectOutcome: String, Sendable, Equatable {
    /// The chat server echoed it back (IRC `echo-message`): it was delivered.
    case echoed
    /// A successor sent it again after a failover, because no echo had confirmed it.
    case resent
    /// Found unconfirmed after a restart, but too old to be worth sending again.
    case expired
}

/// A side effect an earlier active instance claimed and described but never saw confirmed.
public struct UnsettledEffect: Sendable, Equatable {
    public var key: String
    public var holder: String
    public var epoch: Int64
    public var claimedAt: Timestamp
    public var payload: String

    public init(key: String, holder: String, epoch: Int64, claimedAt: Timestamp, payload: String) {
        self.key = key
        self.holder = holder
        self.epoch = epoch
        self.claimedAt = claimedAt
        self.payload = payload
    }
}

/// One webhook call's alerts, as a standby instance queued them. The store keeps `payload` as given (the
/// application encodes the notices; the store does not read them).
public struct QueuedAlerts: Sendable, Equatable {
    public var id: Int64
    public var receivedAt: Timestamp
    public var payload: String

    public init(id: Int64, receivedAt: Timestamp, payload: String) {
        self.id = id
        self.receivedAt = receivedAt
        self.payload = payload
    }
}

/// Thrown by a fenced store call when the caller's lease has moved on: the caller must stop acting at once.
public struct LeaseLost: Error, Sendable, Equatable, CustomStringConvertible {
    /// Who the caller thought it was, and the lease as stored now (nil if none).
    public var holder: String
    public var epoch: Int64
    public var current: Lease?

    public init(holder: String, epoch: Int64, current: Lease?) {
        self.holder = holder
        self.epoch = epoch
        self.current = current
    }

    /// Whether `lease` (as stored) still is `holder`'s under `epoch`.
    public static func holds(_ lease: Lease?, holder: String, epoch: Int64) -> Bool {
        lease?.holder == holder && lease?.epoch == epoch
    }

    public var description: String {
        let now = current.map { "\($0.holder) holds it under epoch \($0.epoch)" } ?? "nobody holds it"
        return "the lease of \(holder) under epoch \(epoch) is lost: \(now)"
    }
}
