import Foundation
import GRDB
import SitrepCore
import Testing

@testable import SQLiteStore

/// Files written by an older sitrep: the shipped migrations bring them up to date with their data intact.
@Suite struct SQLiteMigrationTests {
    static let v1 = "v1 incidents, timeline, follow-ups, meta"

    @Test func version1FileMigratesToTimersKeepingItsData() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-migration-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("v1.sqlite").path
        try Self.writeVersion1File(at: path)

        let store = try SQLiteIncidentStore(path: path)
        defer { try? store.close() }
        let migrated = try await store.incident(id: 1)
        #expect(migrated == Fixtures.incident(1))
        #expect(migrated?.lastEscalatedAt == nil && migrated?.snoozedUntil == nil && migrated?.leadLastSpokeAt == nil)
        let timeline = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
        #expect(timeline.map(\.text) == ["declared", "api is down"])
        #expect(try await store.lastHeartbeat() == Fixtures.start)
        #expect(try await store.pendingTimers().isEmpty)

        var incident = Fixtures.fullyPopulated(1)
        incident.state = .investigating
        try await store.commit(incident, entries: [])
        #expect(try await store.incident(id: 1) == incident)
        let timer = Fixtures.timer(1, .escalation, "tier-1", dueIn: 300)
        try await store.replaceTimers(incidentID: 1, with: [timer])
        #expect(try await store.claimTimer(timer.id, at: Fixtures.start))
        #expect(try await store.firedTimers(incidentID: 1) == [timer.id])
        #expect(try await store.read("migrations") { try StoreMigrations.migrator.appliedMigrations($0) }.count == StoreMigrations.migrator.migrations.count)
    }

    /// A database as sitrep wrote it before timers: the v1 schema only, one incident, its timeline, a heartbeat.
    private static func writeVersion1File(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: v1)
        let json = JSONEncoder()
        json.outputFormatting = [.sortedKeys]
        let declaredBy = String(decoding: try json.encode(Fixtures.alice), as: UTF8.self)
        let ms = Fixtures.start.milliseconds
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO incident (id, title, severity, services, state, channel_network, channel_name,
                        declared_by, roles, declared_at_ms, escalation_level)
                    VALUES (1, 'api down', 2, '[]', 'investigating', 'irc', '#inc-1', ?, '{}', ?, 0);
                    INSERT INTO timeline (incident_id, seq, time_ms, kind, author, account, text, detail, key_event)
                    VALUES (1, 1, ?, 'lifecycle', 'Alice', 'alice', 'declared', NULL, 1),
                        (1, 2, ?, 'message', 'Alice', 'alice', 'api is down', NULL, 0);
                    INSERT INTO meta (name, value) VALUES ('heartbeat', ?);
                    """,
                arguments: [declaredBy, ms, ms, ms, ms]
            )
        }
        #expect(try queue.read { try StoreMigrations.migrator.appliedMigrations($0) } == [v1])
        try queue.close()
    }
}
