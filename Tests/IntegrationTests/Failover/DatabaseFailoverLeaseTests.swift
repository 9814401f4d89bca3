import Foundation
import IncidentRuntime
import Logging
import PostgresStore
import ServiceLifecycle
import SitrepApp
import SitrepCore
import SitrepTestSupport
import Synchronization
import Testing

/// A database failover shorter than the lease costs the chat nothing: the active instance's lease loop
/// (`FailoverService`, `LeaseHolder`, the default 6 s lease) and its timeline writer run in this process against a
/// real synchronously replicated PostgreSQL pair, while a busy channel appends lines and commits notes. The primary
/// is stopped at a chosen moment of the renewal cycle (plus a random part) and the standby promoted 2–3 s later:
/// the instance never stops being active, every line and note is stored exactly once, the chain verifies.
@Suite(.postgresAvailable)
struct DatabaseFailoverLeaseTests {
    /// The moment of the renewal cycle (a fraction of `renewInterval`) the primary stops at, and the pair's ports.
    @Test(.timeLimit(.minutes(3)), arguments: [(0.05, 45_435), (0.55, 45_437)])
    func aDatabaseFailoverShorterThanTheLeaseKeepsTheLeaseAndEveryLine(phase: Double, basePort: Int) async throws {
        let database = try await LocalPostgresPair.up(basePort: basePort)
        do {
            try await run(on: database, phase: phase + Double.random(in: 0..<0.4))
        } catch {
            await database.destroy()
            throw error
        }
        await database.destroy()
    }

    private func run(on database: LocalPostgresPair, phase: Double) async throws {
        var logger = Logger(label: "sitrep.tests.dbfailover")
        logger.logLevel = .notice
        let postgres = database.primary
        let configuration = PostgresStoreConfiguration(
            hosts: [.init(host: postgres.host, port: postgres.port), .init(host: postgres.host, port: database.standbyPort)],
            database: postgres.adminDatabase, user: postgres.user, password: postgres.password,
            tls: postgres.caFile.map { .verified(caFile: $0) } ?? .disabled)
        let store = try await PostgresIncidentStore.open(configuration: configuration, logger: logger)
        defer { store.close() }
        let incident = try await store.declare(
            { Incident(id: $0, title: "db failover", severity: .sev2, channel: ChatChannel(name: "#inc-\($0)"),
                declaredBy: Self.carol, declaredAt: IRCIncidentBridge.now()) },
            entries: { _ in [] })

        // The instance as `sitrep run` makes it (see `SitrepApplication.makeParts`), with the default lease.
        let ttl = ConfigDefaults.leaseTTL
        let keeper = LeaseKeeper(instance: "a", ttl: ttl, pollInterval: ttl / 10)
        let renewInterval = keeper.renewInterval
        let holder = LeaseHolder(keeper: keeper, store: store, clock: IRCIncidentBridge.now, logger: logger)
        let writer = TimelineWriter(store: store, logger: logger)
        let failover = FailoverService(holder: holder, activeServices: [UntilCancelled()], logger: logger)
        let failoverRun = Task { try await failover.run() }
        let writerRun = Task { try await writer.run() }
        defer {
            failoverRun.cancel()
            writerRun.cancel()
        }
        let active = await poll(upTo: .seconds(20)) { holder.mayAct() }
        try #require(active != nil, "the instance became active")

        let channel = BusyChannel(writer: writer, incident: incident)
        let lapses = Mutex<[String]>([])
        let watching = Task {
            while !Task.isCancelled {
                if !holder.mayAct() { lapses.withLock { $0.append("\(IRCIncidentBridge.now())") } }
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        let talking = Task { await channel.talk() }
        try await Task.sleep(for: .seconds(1))

        // Stop the primary `phase` × renewInterval after the start of a renewal, then promote the standby.
        let lease = try #require(try await store.currentLease())
        let renewed = lease.expiresAt.adding(.zero - ttl)
        var stopAt = renewed.adding(.milliseconds(Int64(phase * Double(renewInterval.milliseconds))))
        while stopAt < IRCIncidentBridge.now() { stopAt = stopAt.adding(renewInterval) }
        try await Task.sleep(for: IRCIncidentBridge.now().duration(to: stopAt))
        let stopped = ContinuousClock.now
        try await database.stopPrimary()
        let promoteAfter = Duration.milliseconds(Int.random(in: 2_000...2_800))
        try await Task.sleep(until: stopped + promoteAfter)
        try await database.promote()
        let promoted = stopped.duration(to: .now)
        try await Task.sleep(for: .seconds(3))

        talking.cancel()
        let said = await talking.value
        watching.cancel()
        try await writer.drain()
        FileHandle.standardError.write(
            Data(
                ("db failover: phase \(phase), writable again \(promoted) after the stop; \(said.lines.count) lines, "
                    + "\(said.notes.count) notes, slowest note \(said.slowestNote), lease lapses \(lapses.withLock { $0.count })\n")
                    .utf8))

        #expect(lapses.withLock { $0 }.isEmpty, "the instance stopped being active at \(lapses.withLock { $0.prefix(3) })")
        #expect(holder.status.isActive)
        #expect(said.failedNotes.isEmpty, "notes reported as failed: \(said.failedNotes)")
        let timeline = try await store.timeline(incidentID: incident.id, limit: nil, keyEventsOnly: false)
        let texts = timeline.map(\.text)
        #expect(texts.count == Set(texts).count, "a line stored twice: \(Dictionary(grouping: texts) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        let missing = (said.lines + said.notes).filter { !Set(texts).contains($0) }
        #expect(missing.isEmpty, "said or confirmed but not stored: \(missing)")
        #expect(timeline.map(\.sequence) == Array(1...Int64(timeline.count)))
        #expect(try await store.verify(incidentID: incident.id).isIntact)
    }

    static let carol = Participant(identity: .account("carol"), nick: "carol")

    /// A service that runs until cancelled: stands for the chat services, which run only while active.
    struct UntilCancelled: Service {
        func run() async throws {
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(50)) }
        }
    }

    /// People in the incident channel: a line every 20 ms (appended, as the IRC bridge does, without waiting for
    /// the store), and a note every 20 lines, committed and awaited as the coordinator does before replying.
    struct BusyChannel: Sendable {
        struct Said: Sendable {
            var lines: [String] = []
            var notes: [String] = []
            var failedNotes: [String] = []
            var slowestNote = Duration.zero
        }

        let writer: TimelineWriter
        let incident: Incident

        /// What was said so far, shared with the tasks committing notes.
        final class Record: Sendable {
            let said = Mutex(Said())
            func withLock<T>(_ body: (inout Said) -> T) -> T { said.withLock { body(&$0) } }
        }

        func talk() async -> Said {
            let said = Record()
            await withTaskGroup(of: Void.self) { group in
                var number = 0
                while !Task.isCancelled {
                    number += 1
                    let text = "line \(number)"
                    said.withLock { $0.lines.append(text) }
                    await writer.append([entry(text, kind: .message)])
                    if number % 20 == 0 {
                        let note = "note \(number / 20)"
                        group.addTask {
                            let started = ContinuousClock.now
                            do {
                                try await writer.commit(incident, entries: [entry(note, kind: .note)])
                                said.withLock {
                                    $0.notes.append(note)
                                    $0.slowestNote = max($0.slowestNote, started.duration(to: .now))
                                }
                            } catch {
                                said.withLock { $0.failedNotes.append("\(note): \(error)") }
                            }
                        }
                    }
                    try? await Task.sleep(for: .milliseconds(20))
                }
            }
            return said.withLock { $0 }
        }

        private func entry(_ text: String, kind: TimelineEntry.Kind) -> TimelineEntry {
            TimelineEntry(
                incidentID: incident.id, time: IRCIncidentBridge.now(), kind: kind, author: "carol", account: "carol",
                text: text, isKeyEvent: kind == .note)
        }
    }
}
