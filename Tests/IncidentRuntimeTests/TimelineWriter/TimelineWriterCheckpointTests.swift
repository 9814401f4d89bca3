import Foundation
import IncidentRuntime
import Logging
import SQLiteStore
import SitrepCore
import Testing

/// A stream batch bracketed with `hold()` / `release(checkpoint:)`: its lines are written in one transaction
/// with the checkpoint, never ahead of it; a lifecycle commit inside the bracket is not held up.
@Suite struct TimelineWriterCheckpointTests {
    static let start = Timestamp(milliseconds: 1_795_000_000_000)
    static let alice = Participant(identity: .account("alice"), nick: "alice")

    static func withWriter(_ body: (SQLiteIncidentStore, TimelineWriter, Incident) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-checkpoint-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteIncidentStore(path: folder.appendingPathComponent("sitrep.sqlite").path)
        defer { try? store.close() }
        let incident = try await store.declare(
            { id in
                Incident(
                    id: id, title: "t", severity: .sev3, channel: ChatChannel(name: "#inc-\(id)"), declaredBy: alice,
                    declaredAt: start)
            }, entries: { _ in [] })
        let writer = TimelineWriter(store: store, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            try await body(store, writer, incident)
            group.cancelAll()
        }
    }

    static func line(_ incident: Incident, _ text: String) -> TimelineEntry {
        TimelineEntry(incidentID: incident.id, time: start, kind: .message, author: "alice", text: text)
    }

    @Test(.timeLimit(.minutes(1))) func heldLinesAreWrittenWithTheCheckpoint() async throws {
        try await Self.withWriter { store, writer, incident in
            writer.hold()
            await writer.append([Self.line(incident, "one")])
            await writer.append([Self.line(incident, "two")])
            for _ in 0..<200 { await Task.yield() }
            #expect(try await store.timeline(incidentID: incident.id, limit: nil, keyEventsOnly: false).isEmpty)
            #expect(writer.backlog == 2)
            writer.release(checkpoint: StreamCheckpoint(stream: "matrix", position: "s7"))
            try await writer.drain()
            let texts = try await store.timeline(incidentID: incident.id, limit: nil, keyEventsOnly: false).map(\.text)
            #expect(texts == ["one", "two"])
            #expect(try await store.checkpoint(stream: "matrix") == "s7")
        }
    }

    @Test(.timeLimit(.minutes(1))) func aCommitInsideTheBracketIsNotHeldUp() async throws {
        try await Self.withWriter { store, writer, incident in
            writer.hold()
            await writer.append([Self.line(incident, "before")])
            var resolved = incident
            resolved.severity = .sev1
            try await writer.commit(resolved, entries: [])
            #expect(try await store.incident(id: incident.id)?.severity == .sev1)
            await writer.append([Self.line(incident, "after")])
            writer.release(checkpoint: StreamCheckpoint(stream: "matrix", position: "s8"))
            try await writer.drain()
            let texts = try await store.timeline(incidentID: incident.id, limit: nil, keyEventsOnly: false).map(\.text)
            #expect(texts == ["before", "after"])
            #expect(try await store.checkpoint(stream: "matrix") == "s8")
        }
    }
}
