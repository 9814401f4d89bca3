import Logging
import SitrepCore

/// The `EffectFence` of a single instance (no active/standby pair): it always acts, and its claims are the
/// timers' own claims in the store. What it adds is delivery across a crash: a firing's effect is recorded in
/// the firing's transaction (`StoredFiring.effect`), the chat server's echoes settle it line by line, and after
/// a restart whatever a crash left unconfirmed is sent again, marked, at most once.
public final class SingleInstanceFence: EffectFence, Sendable {
    /// A single instance's claims are stored under this epoch (a pair's epochs start at 1).
    static let epoch: Int64 = 0
    /// Unconfirmed effects older than this at a restart are not sent again: the incident has moved on (the next
    /// escalation tier is paged on its own timer), and without `echo-message` nothing is ever confirmed.
    static let resendWindow = Duration.seconds(120)

    private let store: any FencingStore
    private let clock: @Sendable () -> Timestamp
    private let logger: Logger
    private let echoes: EffectEchoes

    public init(store: any FencingStore, clock: @escaping @Sendable () -> Timestamp, logger: Logger) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.echoes = EffectEchoes(store: store, clock: clock, logger: logger)
    }

    public var resendMarker: String { "(sent again after a restart; it may repeat) " }

    public func mayAct() -> Bool { true }

    public func permitsSending() async -> Bool { true }

    public func claim(_ key: String) async throws -> Bool { true }

    public func willSend(_ key: String, _ actions: [ChatAction]) async {
        echoes.willSend(key, actions)
    }

    public func echoed(target: String, text: String) async {
        await echoes.echoed(target: target, text: text)
    }

    /// What the process before this one recorded and never saw confirmed, each settled as resent here (so a
    /// second crash does not send it a third time).
    public func takeUnconfirmed() async -> [UnconfirmedEffect] {
        let now = clock()
        let effects: [UnsettledEffect]
        do { effects = try await store.unsettledEffects(before: Self.epoch + 1) } catch {
            logger.warning("could not read unconfirmed effects", metadata: ["error": "\(error)"])
            return []
        }
        var taken: [UnconfirmedEffect] = []
        for effect in effects {
            let recent = effect.claimedAt.duration(to: now) < Self.resendWindow
            let actions = recent ? EffectEchoes.decode(effect.payload) : nil
            do { try await store.settleEffect(effect.key, outcome: actions == nil ? .expired : .resent, at: now) } catch {
                logger.warning("could not settle an effect", metadata: ["effect": "\(effect.key)", "error": "\(error)"])
                continue
            }
            guard let actions else { continue }
            logger.notice("sending again what was sent without confirmation before a restart", metadata: ["effect": "\(effect.key)"])
            taken.append(UnconfirmedEffect(key: effect.key, actions: actions))
        }
        return taken
    }
}
