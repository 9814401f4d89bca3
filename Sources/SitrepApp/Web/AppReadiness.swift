import Logging
import SitrepCore
import SitrepWeb
import Synchronization

/// `/readyz` for a running sitrep: ready when the chat connection is registered and the store takes a write.
///
/// The write is the store heartbeat (what the bridge writes every two seconds anyway), so a probe adds no data
/// and its time is a true "alive at". Probes are coalesced: a store answer is reused for `storeCheckInterval`,
/// so a load balancer polling fast costs at most one write per interval.
public final class AppReadiness: ReadinessProbe, Sendable {
    /// Whether the chat connection is up and registered.
    let isChatConnected: @Sendable () async -> Bool
    let store: any IncidentStore
    let clock: @Sendable () -> Timestamp
    let storeCheckInterval: Duration
    let logger: Logger
    /// In an active/standby pair: this instance's view of the lease (a standby is ready without chat).
    let failover: LeaseHolder?
    private let lastStoreCheck = Mutex<(at: Timestamp, problem: String?)?>(nil)

    public init(
        isChatConnected: @escaping @Sendable () async -> Bool, store: any IncidentStore,
        clock: @escaping @Sendable () -> Timestamp, logger: Logger, storeCheckInterval: Duration = .seconds(1),
        failover: LeaseHolder? = nil
    ) {
        self.failover = failover
        self.isChatConnected = isChatConnected
        self.store = store
        self.clock = clock
        self.storeCheckInterval = storeCheckInterval
        self.logger = logger
    }

    /// Active (or a single instance): connected to chat and the store takes a write. A standby of a pair: the
    /// store answers a read (a standby writes nothing, not even the heartbeat, so the active instance's last
    /// heartbeat stays where the gap of a takeover starts).
    public func readiness() async -> Readiness {
        if let failover, !failover.mayAct() {
            do {
                _ = try await store.currentLease()
                return .ready
            } catch {
                return Readiness(problems: ["store not readable"])
            }
        }
        var problems: [String] = []
        if !(await isChatConnected()) { problems.append("not connected to chat") }
        if let problem = await storeProblem() { problems.append(problem) }
        return Readiness(problems: problems)
    }

    /// `instance: b (standby)`, `active: a (epoch 3)`, `takeovers: 1`; nothing for a single instance.
    public func statusLines() -> [String] {
        guard let status = failover?.status else { return [] }
        let active = status.lease.map { "active: \($0.holder) (epoch \($0.epoch))" } ?? "active: none yet"
        return [
            "instance: \(status.instance) (\(status.isActive ? "active" : "standby"))", active,
            "takeovers: \(status.takeovers)",
        ]
    }

    /// Why the store cannot be written to, or nil; from a recent check when there is one.
    private func storeProblem() async -> String? {
        let now = clock()
        if let last = lastStoreCheck.withLock({ $0 }), last.at <= now, now < last.at.adding(storeCheckInterval) {
            return last.problem
        }
        var problem: String?
        do { try await store.heartbeat(now) } catch {
            logger.warning("readiness: the store refused a write", metadata: ["error": "\(error)"])
            problem = "store not writable"
        }
        lastStoreCheck.withLock { $0 = (now, problem) }
        return problem
    }
}
