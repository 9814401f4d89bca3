import Foundation
import GRDB
import SitrepCore
import Testing

@testable import SQLiteStore
import StoreKit

/// Migration `v3 timeline chain`: timelines written before the chain are chained when the file is upgraded.
@Suite struct SQLiteChainMigrationTests {
    @Test func version2FileIsChainedOnUpgradeAndKeepsChaining() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-chain-mig-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("v2.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: "v2 timers")
        let declaredBy = String(decoding: try JSONEncoder().encode(Fixtures.alice), as: UTF8.self)
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO incident (id, title, severity, services, state, channel_network, channel_name,
                        declared_by, roles, declared_at_ms, escalation_level)
                    VALUES (1, 'api down', 2, '[]', 'investigating', 'irc', '#inc-1', ?, '{}', 0, 0),
                        (2, 'quiet', 2, '[]', 'investigating', 'irc', '#inc-2', ?, '{}', 0, 0);
                    INSERT INTO timeline (incident_id, seq, time_ms, kind, author, account, text, detail, key_event)
                    VALUES (1, 1, 5, 'lifecycle', 'Alice', 'alice', 'declared', 'state: investigating', 1),
                        (1, 2, 6, 'message', 'Alice', NULL, 'api is down', NULL, 0);
                    """,
                arguments: [declaredBy, declaredBy])
        }
        try queue.close()

        let store = try SQLiteIncidentStore(path: path)
        defer { try? store.close() }
        let hasher = SHA256ChainHasher()
        var expected = hasher.genesis(incidentID: 1)
        for entry in try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false) {
            expected = hasher.link(entry, previous: expected)
        }
        #expect(try await store.verify(incidentID: 1) == .intact(count: 2, head: expected))
        #expect(try await store.chainHead(incidentID: 1) == ChainHead(sequence: 2, hash: expected))
        #expect(try await store.verify(incidentID: 2) == .intact(count: 0, head: hasher.genesis(incidentID: 2)))
        try await store.append([Fixtures.line(1, "after the upgrade"), Fixtures.line(2, "first")])
        #expect(try await store.verify(incidentID: 1).isIntact)
        #expect(try await store.verify(incidentID: 2) == .intact(count: 1, head: try await store.chainHead(incidentID: 2).hash))
    }
}
