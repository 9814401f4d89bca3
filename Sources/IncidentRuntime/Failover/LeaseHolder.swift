import Logging
import SitrepCore
import Synchronization

/// This instance's view of the lease of an active/standby pair: the `LeaseKeeper` behind a lock, fed by
/// `FailoverService`'s loop, and the `EffectFence` the coordinator and the chat network ask before acting.
/// Separate from the loop so the parts that ask (built before the loop's services) can hold it.
public final class LeaseHolder: EffectFence, Sendable {
    /// What `/healthz`, `/readyz` and the metrics say about the pair.
    public struct Status: Sendable, Equatable {
        public var instance: String
        public var isActive: Bool
        /// The lease as this instance last saw it in the store (nil before the first answer).
        public var lease: Lease?
        /// How often this instance became active after another instance had held the lease.
        public var takeovers: Int
    }

    struct State {
        var keeper: LeaseKeeper
        var lastSeen: Lease?
        var takeovers = 0
        var stepDown: LeaseKeeper.StepDownReason?
    }

    let state: Mutex<State>
    /// Claimed effects whose lines have not all been echoed yet.
    private let echoes: EffectEchoes
    public let instance: String
    let store: any LeaseStore & FencingStore
    let clock: @Sendable () -> Timestamp
    let logger: Logger

    public init(
        keeper: LeaseKeeper, store: any LeaseStore & FencingStore, clock: @escaping @Sendable () -> Timestamp,
        logger: Logger = Logger(label: "sitrep.failover")
    ) {
        self.state = Mutex(State(keeper: keeper))
        self.instance = keeper.instance
        self.store = store
        self.clock = clock
        self.logger = logger
        self.echoes = EffectEchoes(store: store, clock: clock, logger: logger)
    }

    public var status: Status {
        let now = clock()
        return state.withLock { state in
            Status(
                instance: instance, isActive: state.keeper.actingEpoch(at: now) != nil && state.stepDown == nil,
                lease: state.lastSeen, takeovers: state.takeovers)
        }
    }

    public func mayAct() -> Bool {
        let now = clock()
        return state.withLock { $0.stepDown == nil && $0.keeper.actingEpoch(at: now) != nil }
    }

    public func claim(_ key: String) async throws -> Bool {
        let now = clock()
        guard let epoch = state.withLock({ $0.stepDown == nil ? $0.keeper.actingEpoch(at: now) : nil }) else {
            throw FailoverError.notActive(instance: instance)
        }
        do {
            return try await store.claimEffect(key, holder: instance, epoch: epoch, at: now)
        } catch let lost as LeaseLost {
            let reason = lost.current.map { LeaseKeeper.StepDownReason.leaseTaken(by: $0.holder, epoch: $0.epoch) }
            requestStepDown(reason ?? .deadlinePassed)
            throw lost
        }
    }

    public func permitsSending() async -> Bool {
        let now = clock()
        guard let epoch = state.withLock({ $0.stepDown == nil ? $0.keeper.actingEpoch(at: now) : nil }) else {
            return false
        }
        do {
            try await store.checkLease(holder: instance, epoch: epoch)
            return true
        } catch let lost as LeaseLost {
            let reason = lost.current.map { LeaseKeeper.StepDownReason.leaseTaken(by: $0.holder, epoch: $0.epoch) }
            requestStepDown(reason ?? .deadlinePassed)
            return false
        } catch {
            return mayAct()
        }
    }

    /// Makes the loop stop the active services at its next wake-up.
    func requestStepDown(_ reason: LeaseKeeper.StepDownReason) {
        state.withLock { state in if state.stepDown == nil { state.stepDown = reason } }
    }

    // MARK: Delivery confirmation (IRC echo-message)

    public func willSend(_ key: String, _ actions: [ChatAction]) async {
        echoes.willSend(key, actions)
    }

    public func echoed(target: String, text: String) async {
        await echoes.echoed(target: target, text: text)
    }

    /// Effects older than this before a takeover are not sent again: without `echo-message` nothing is ever
    /// confirmed, and only what the dead instance did in its last moments can be in doubt.
    static let resendWindow = Duration.seconds(60)

    public func takeUnconfirmed() async -> [UnconfirmedEffect] {
        let now = clock()
        guard let epoch = state.withLock({ $0.keeper.actingEpoch(at: now) }) else { return [] }
        let effects: [UnsettledEffect]
        do { effects = try await store.unsettledEffects(before: epoch) } catch {
            logger.warning("failover: could not read unconfirmed effects", metadata: ["error": "\(error)"])
            return []
        }
        var taken: [UnconfirmedEffect] = []
        for effect in effects where effect.claimedAt.duration(to: now) < Self.resendWindow {
            guard let actions = EffectEchoes.decode(effect.payload),
                (try? await claim("resend \(effect.key)")) == true
            else { continue }
            logger.notice(
                "failover: sending again what the previous instance sent without confirmation",
                metadata: ["effect": "\(effect.key)", "previous": "\(effect.holder)"])
            try? await store.settleEffect(effect.key, outcome: .resent, at: clock())
            taken.append(UnconfirmedEffect(key: effect.key, actions: actions))
        }
        return taken
    }
}
