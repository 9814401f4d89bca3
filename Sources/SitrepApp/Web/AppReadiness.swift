import IncidentRuntime
import Logging
import SitrepCore
import SitrepWeb
import Synchronization

/// `/readyz` for a running sitrep: ready when every configured chat network is connected (IRC registered, Matrix
/// answering `/sync`) and the store takes a write.
///
/// The write is the store heartbeat (what the bridge writes every two seconds anyway), so a probe adds no data
/// and its time is a true "alive at". Probes are coalesced: a store answer is reused for `storeCheckInterval`,
/// so a load balancer polling fast costs at most one write per interval.
public final class AppReadiness: ReadinessProbe, Sendable {
    /// The chat networks: each one's name and whether it is up.
    let chatNetworks: [ChatConnectionCheck]
    let store: any IncidentStore
    let clock: @Sendable () -> Timestamp
    let storeCheckInterval: Duration
    let logger: Logger
    /// In an active/standby pair: this instance's view of the lease (a standby is ready without chat).
    let failover: LeaseHolder?
    private let lastStoreCheck = Mutex<(at: Timestamp, problem: String?)?>(nil)

    /// A probe for one chat connection, reported as "not connected to chat" when it is down.
    public convenience init(
        isChatConnected: @escaping @Sendable () async -> Bool, store: any IncidentStore,
        clock: @escaping @Sendable () -> Timestamp, logger: Logger, storeCheckInterval: Duration = .seconds(1),
        failover: LeaseHolder? = nil
    ) {
        self.init(
            chatNetworks: [ChatConnectionCheck(name: "chat", isConnected: isChatConnected)], store: store, clock: clock,
            logger: logger, storeCheckInterval: storeCheckInterval, failover: failover)
    }

    /// A probe for several chat networks, each reported by name ("not connected to matrix") when it is down.
    public init(
        chatNetworks: [ChatConnectionCheck], store: any IncidentStore, clock: @escaping @Sendable () -> Timestamp,
        logger: Logger, storeCheckInterval: Duration = .seconds(1), failover: LeaseHolder? = nil
    ) {
        self.failover = failover
        self.chatNetworks = chatNetworks
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
        for network in chatNetworks where !(await network.isConnected()) {
            problems.append("not connected to \(network.name)")
        }
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

/// One chat network as `/readyz` checks it: its name (`irc`, `matrix`) and whether it is up.
public struct ChatConnectionCheck: Sendable {
    public let name: String
    public let isConnected: @Sendable () async -> Bool

    public init(name: String, isConnected: @escaping @Sendable () async -> Bool) {
        self.name = name
        self.isConnected = isConnected
    }
}
