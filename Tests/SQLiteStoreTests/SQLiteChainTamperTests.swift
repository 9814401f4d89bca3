import Foundation
import GRDB
import SQLiteStore
import SitrepCore
import Testing

/// The SQLite file edited behind sitrep's back, through a separate connection: `verify` names the first entry
/// altered, removed or inserted; appends after the tampering do not hide it.
@Suite struct SQLiteChainTamperTests {
    /// A store with incidents 1 and 2, 100 interleaved lines each, and a second connection to its file.
    private func withTamperableStore(
        _ body: (SQLiteIncidentStore, DatabaseQueue) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-tamper-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sitrep.sqlite").path
        let store = try SQLiteIncidentStore(path: path)
        defer { try? store.close() }
        try await Fixtures.declare(2, in: store)
        for batch in 0..<4 {
            try await store.append((0..<50).map { Fixtures.line(1 + Int64($0 % 2), "b\(batch) line \($0)") })
        }
        #expect(try await store.verify(incidentID: 1).isIntact)
        let intruder = try DatabaseQueue(path: path)
        defer { try? intruder.close() }
        try await body(store, intruder)
    }

    private func expectBroken(
        _ store: SQLiteIncidentStore, _ incidentID: Int64, at sequence: Int64, _ kind: ChainBreak.Kind
    ) async throws {
        let verification = try await store.verify(incidentID: incidentID)
        guard case .broken(let first, let reason) = verification else {
            Issue.record("expected INC-\(incidentID) broken at \(sequence), got \(verification)")
            return
        }
        #expect(first == sequence)
        #expect(reason.kind == kind, "\(reason)")
    }

    @Test func editedTextIsCaughtAsAlteredAtThatEntry() async throws {
        try await withTamperableStore { store, intruder in
            try await intruder.write { db in
                try db.execute(sql: "UPDATE timeline SET text = 'nothing happened' WHERE incident_id = 1 AND seq = 57")
            }
            try await expectBroken(store, 1, at: 57, .altered)
            #expect(try await store.verify(incidentID: 2).isIntact)
            try await store.append([Fixtures.line(1, "sitrep keeps recording")])
            try await expectBroken(store, 1, at: 57, .altered)
        }
    }

    @Test func editedLastEntryIsCaughtThroughTheRecordedHead() async throws {
        try await withTamperableStore { store, intruder in
            try await intruder.write { db in
                try db.execute(sql: "UPDATE timeline SET author = 'mallory' WHERE incident_id = 2 AND seq = 100")
            }
            try await expectBroken(store, 2, at: 100, .altered)
        }
    }

    @Test func deletedEntryIsCaughtAsRemoved() async throws {
        try await withTamperableStore { store, intruder in
            try await intruder.write { db in
                try db.execute(sql: "DELETE FROM timeline WHERE incident_id = 1 AND seq IN (20, 21)")
            }
            try await expectBroken(store, 1, at: 20, .removed)
        }
    }

    @Test func deletedTailIsCaughtAsRemovedEvenAfterLaterAppends() async throws {
        try await withTamperableStore { store, intruder in
            try await intruder.write { db in
                try db.execute(sql: "DELETE FROM timeline WHERE incident_id = 1 AND seq > 95")
            }
            try await expectBroken(store, 1, at: 96, .removed)
            try await store.append([Fixtures.line(1, "after the deletion")])
            try await expectBroken(store, 1, at: 96, .removed)
        }
    }

    @Test func forgedRowIsCaughtAsInsertedAndDoesNotBlockAppends() async throws {
        try await withTamperableStore { store, intruder in
            try await intruder.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO timeline (incident_id, seq, time_ms, kind, author, account, text, detail,
                            key_event, hash)
                        VALUES (1, 101, 0, 'message', 'alice', 'alice', 'I approved this', NULL, 0, ?)
                        """,
                    arguments: [Data(repeating: 0xAB, count: 32)])
            }
            try await expectBroken(store, 1, at: 101, .inserted)
            try await store.append([Fixtures.line(1, "sitrep goes on")])
            try await expectBroken(store, 1, at: 101, .inserted)
            #expect(try await store.timeline(incidentID: 1, limit: 1, keyEventsOnly: false).first?.sequence == 102)
        }
    }

    @Test func forgedRowWithRenumberingIsCaughtAsInserted() async throws {
        try await withTamperableStore { store, intruder in
            try await intruder.write { db in
                try db.execute(
                    sql: """
                        UPDATE timeline SET seq = seq + 1000 WHERE incident_id = 1 AND seq >= 30;
                        UPDATE timeline SET seq = seq - 999 WHERE incident_id = 1 AND seq >= 1030;
                        UPDATE chain_head SET seq = seq + 1 WHERE incident_id = 1;
                        INSERT INTO timeline (incident_id, seq, time_ms, kind, author, account, text, detail,
                            key_event, hash)
                        VALUES (1, 30, 0, 'message', 'alice', 'alice', 'forged', NULL, 0, zeroblob(32));
                        """)
            }
            try await expectBroken(store, 1, at: 30, .inserted)
        }
    }

    @Test func markingAKeyEventKeepsTheChainIntact() async throws {
        try await withTamperableStore { store, _ in
            try await store.markKeyEvent(incidentID: 1, sequence: 10)
            #expect(try await store.verify(incidentID: 1).isIntact)
        }
    }
}
