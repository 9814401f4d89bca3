import Foundation
import Hummingbird
import Logging
import SQLiteStore
import SitrepApp
import SitrepCore
import SitrepWeb
import Synchronization
import Testing

/// `/readyz` over a real socket, and the app's probe over a real store.
@Suite struct ReadinessTests {
    /// A probe that answers what the test sets.
    final class FixedProbe: ReadinessProbe {
        let answer: Mutex<Readiness>
        init(_ answer: Readiness) { self.answer = Mutex(answer) }
        func readiness() async -> Readiness { answer.withLock { $0 } }
    }

    @Test func readyzIs200WhenReadyAnd503WithTheReasonsWhenNot() async throws {
        let probe = FixedProbe(.ready)
        try await SeededStore.serve(readiness: probe) { server, _ in
            let ready = try await server.get("/readyz")
            #expect(ready.status == .ok)
            #expect(ready.body == "ready\n")
            probe.answer.withLock { $0 = Readiness(problems: ["not connected to chat", "store not writable"]) }
            let notReady = try await server.get("/readyz")
            #expect(notReady.status == .serviceUnavailable)
            #expect(notReady.body == "not ready: not connected to chat; store not writable\n")
            #expect(notReady.headers[.cacheControl] == "no-store, private")
        }
    }

    /// A temporary SQLite store, removed afterwards.
    private func withStore(_ body: (SQLiteIncidentStore) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-ready-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteIncidentStore(path: directory.appendingPathComponent("sitrep.sqlite").path)
        try await body(store)
    }

    private let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func appProbeNeedsChatAndAWritableStore() async throws {
        try await withStore { store in
            let connected = Mutex(false)
            let probe = AppReadiness(
                isChatConnected: { connected.withLock { $0 } }, store: store, clock: { SeededStore.now },
                logger: quiet, storeCheckInterval: .zero)
            #expect(await probe.readiness() == Readiness(problems: ["not connected to chat"]))
            connected.withLock { $0 = true }
            #expect(await probe.readiness() == .ready)
            #expect(try await store.lastHeartbeat() == SeededStore.now, "the probe wrote the heartbeat")
            try store.close()
            #expect(await probe.readiness() == Readiness(problems: ["store not writable"]))
        }
    }

    @Test func storeWritesAreCoalescedWithinTheInterval() async throws {
        try await withStore { store in
            let clock = ManualClock(Timestamp(milliseconds: 1_000_000))
            let probe = AppReadiness(
                isChatConnected: { true }, store: store, clock: clock.now, logger: quiet,
                storeCheckInterval: .seconds(1))
            _ = await probe.readiness()
            clock.advance(.milliseconds(900))
            _ = await probe.readiness()
            let reused = try await store.lastHeartbeat()
            #expect(reused == Timestamp(milliseconds: 1_000_000), "reused, not written")
            clock.advance(.milliseconds(200))
            _ = await probe.readiness()
            let written = try await store.lastHeartbeat()
            #expect(written == Timestamp(milliseconds: 1_001_100))
        }
    }
}

/// A wall clock the test moves by hand.
final class ManualClock: Sendable {
    private let time: Mutex<Timestamp>

    init(_ start: Timestamp) { time = Mutex(start) }

    @Sendable func now() -> Timestamp { time.withLock { $0 } }

    func advance(_ duration: Duration) { time.withLock { $0 = $0.adding(duration) } }
}
