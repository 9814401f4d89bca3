import Foundation
import IncidentRuntime
import Logging
import SQLiteStore
import ServiceLifecycle
import SitrepCore
import Synchronization

/// The lease and fencing calls of a real store, with a switch that makes them fail as if the database had
/// become unreachable from this instance (a network cut), while the other instance still reaches it.
final class CuttableStore: LeaseStore, FencingStore, Sendable {
    struct Unreachable: Error {}
    let base: SQLiteIncidentStore
    private let cut = Mutex(false)

    init(_ base: SQLiteIncidentStore) { self.base = base }

    func cutOff() { cut.withLock { $0 = true } }

    private func check() throws { if cut.withLock({ $0 }) { throw Unreachable() } }

    func acquireLease(holder: String, ttl: Duration, now: Timestamp) async throws -> Lease {
        try check()
        return try await base.acquireLease(holder: holder, ttl: ttl, now: now)
    }
    func releaseLease(holder: String, epoch: Int64) async throws {
        try check()
        try await base.releaseLease(holder: holder, epoch: epoch)
    }
    func currentLease() async throws -> Lease? {
        try check()
        return try await base.currentLease()
    }
    func claimEffect(_ key: String, holder: String, epoch: Int64, at time: Timestamp) async throws -> Bool {
        try check()
        return try await base.claimEffect(key, holder: holder, epoch: epoch, at: time)
    }
    func checkLease(holder: String, epoch: Int64) async throws {
        try check()
        try await base.checkLease(holder: holder, epoch: epoch)
    }
    func describeEffect(_ key: String, payload: String) async throws {
        try check()
        try await base.describeEffect(key, payload: payload)
    }
    func settleEffect(_ key: String, outcome: EffectOutcome, at time: Timestamp) async throws {
        try check()
        try await base.settleEffect(key, outcome: outcome, at: time)
    }
    func unsettledEffects(before epoch: Int64) async throws -> [UnsettledEffect] {
        try check()
        return try await base.unsettledEffects(before: epoch)
    }
    func queueAlerts(_ payload: String, at time: Timestamp) async throws {
        try check()
        try await base.queueAlerts(payload, at: time)
    }
    func takeQueuedAlerts(holder: String, epoch: Int64, limit: Int) async throws -> [QueuedAlerts] {
        try check()
        return try await base.takeQueuedAlerts(holder: holder, epoch: epoch, limit: limit)
    }
}

/// Stands in for the chat client, bridge and timers of an instance: records when it is started and stopped.
final class ProbeService: Service, Sendable {
    enum Event: Equatable { case started, stoppedGracefully, cancelled }
    private let log = Mutex<[Event]>([])

    var events: [Event] { log.withLock { $0 } }
    var isRunning: Bool { events.last == .started }

    func run() async throws {
        log.withLock { $0.append(.started) }
        let graceful = Mutex(false)
        await withGracefulShutdownHandler {
            while !Task.isCancelled && !graceful.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(20)) }
        } onGracefulShutdown: {
            graceful.withLock { $0 = true }
        }
        log.withLock { $0.append(graceful.withLock { $0 } ? .stoppedGracefully : .cancelled) }
    }
}

/// One instance of a pair for the tests: its lease holder, its failover loop and its stand-in chat service.
struct PairInstance: Sendable {
    let holder: LeaseHolder
    let service: FailoverService
    let chat: ProbeService
    let activations: Shared<[(Int64, Lease?)]>

    static func make(_ name: String, store: any LeaseStore & FencingStore, ttl: Duration) -> PairInstance {
        let logger = Logger(label: "failover-\(name)") { _ in SwiftLogNoOpLogHandler() }
        let holder = LeaseHolder(
            keeper: LeaseKeeper(instance: name, ttl: ttl), store: store, clock: PairInstance.wallClock)
        let chat = ProbeService()
        let activations = Shared<[(Int64, Lease?)]>([])
        let service = FailoverService(
            holder: holder, activeServices: [chat], logger: logger, wakeInterval: .milliseconds(20),
            onActivate: { epoch, previous in activations.value.withLock { $0.append((epoch, previous)) } })
        return PairInstance(holder: holder, service: service, chat: chat, activations: activations)
    }

    @Sendable static func wallClock() -> Timestamp {
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }
}

/// A lock-protected value that closures and values can share.
final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ initial: Value) { value = Mutex(initial) }
}

/// Polls `condition` every 20 ms until it holds or `limit` passes; returns how long it took, nil on timeout.
func waitFor(_ limit: Duration, _ condition: () async -> Bool) async -> Duration? {
    let clock = ContinuousClock()
    let start = clock.now
    while clock.now - start < limit {
        if await condition() { return clock.now - start }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return nil
}

/// A fresh SQLite store in a temporary folder.
func temporaryStore() throws -> (SQLiteIncidentStore, URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-failover-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return (try SQLiteIncidentStore(path: folder.appendingPathComponent("sitrep.sqlite").path), folder)
}
