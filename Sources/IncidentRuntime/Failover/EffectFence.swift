import SitrepCore

/// What the coordinator asks before it acts, in an active/standby pair: whether this instance may act at all
/// right now (a local check of its lease deadline), and, for a side effect that must go out once across the
/// pair (a reminder, a page), a claim in the store under the lease's epoch. `LeaseHolder` implements it for a
/// pair; `SingleInstanceFence` for a single instance, which always acts but still confirms delivery by echo.
public protocol EffectFence: Sendable {
    /// Whether this instance holds the lease and its local deadline has not passed.
    func mayAct() -> Bool
    /// Whether this instance may send now, asked of the store: false (and this instance steps down) when the
    /// lease moved on; when the store cannot be reached, the local deadline decides.
    func permitsSending() async -> Bool
    /// Claims `key` under the current epoch: true when this instance should send it, false when it was claimed
    /// before (by this instance or one before it). Throws (and steps this instance down) when the lease moved.
    func claim(_ key: String) async throws -> Bool
    /// The claimed effect `key` is about to send `actions`, recorded in the store with its claim (for a successor
    /// or a restarted process to send again if no echo ever confirms them): expects their echo.
    func willSend(_ key: String, _ actions: [ChatAction]) async
    /// The chat server echoed one of this instance's own lines back (IRC `echo-message`).
    func echoed(target: String, text: String) async
    /// Effects claimed by earlier active instances and never confirmed, each claimed again under this instance's
    /// epoch (so it is sent again at most once): the caller sends them.
    func takeUnconfirmed() async -> [UnconfirmedEffect]
    /// Put before what `takeUnconfirmed` returns when it is sent again, so people know it may repeat.
    var resendMarker: String { get }
}

extension EffectFence {
    public var resendMarker: String { "(sent again after a failover; it may repeat) " }
}

/// A side effect an earlier active instance claimed and sent without confirmation: its claim key (the cause of
/// its sends) and what it sent.
public struct UnconfirmedEffect: Sendable, Equatable {
    public var key: String
    public var actions: [ChatAction]
}
