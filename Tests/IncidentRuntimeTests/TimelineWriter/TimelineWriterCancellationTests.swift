import Foundation
import IncidentRuntime
import Logging
import SQLiteStore
import SitrepCore
import Testing

/// A service group that goes down hard cancels its services: the timeline writer must still write what was
/// queued, and must stop rather than retry forever.
@Suite struct TimelineWriterCancellationTests {
    @Test(.timeLimit(.minutes(1))) func cancellingTheWriterWithLinesQueuedWritesThemAndStops() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-writer-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteIncidentStore(path: folder.appendingPathComponent("sitrep.sqlite").path)
        let start = Timestamp(milliseconds: 1_795_000_000_000)
        let alice = Participant(identity: .account("alice"), nick: "alice")
        let incident = try await store.declare(
            { id in
                Incident(
                    id: id, title: "t", severity: .sev3, channel: ChatChannel(name: "#inc-\(id)"), declaredBy: alice,
                    declaredAt: start)
            }, entries: { _ in [] })
        let writer = TimelineWriter(store: store, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let running = Task { try await writer.run() }
        let lines = (0..<5_000).map {
            TimelineEntry(
                incidentID: incident.id, time: start.adding(.milliseconds(Int64($0))), kind: .message, author: "alice",
                text: "line \($0)")
        }
        for chunk in stride(from: 0, to: lines.count, by: 100) {
            await writer.append(Array(lines[chunk..<chunk + 100]))
        }
        running.cancel()
        try await running.value
        let stored = try await store.timeline(incidentID: incident.id, limit: nil, keyEventsOnly: false)
        #expect(stored.filter { $0.kind == .message }.map(\.text) == lines.map(\.text))
        #expect(writer.backlog == 0)
    }

    /// A command or sync batch still running when the writer has stopped (shutdown) gets an error at once: before
    /// this, its drain waited forever and sitrep never exited (found with an encrypted Matrix reply in flight).
    @Test(.timeLimit(.minutes(1))) func askingAStoppedWriterFailsAtOnceInsteadOfWaitingForever() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-writer-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteIncidentStore(path: folder.appendingPathComponent("sitrep.sqlite").path)
        let writer = TimelineWriter(store: store, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let running = Task { try await writer.run() }
        try await writer.drain()
        running.cancel()
        try await running.value
        await #expect(throws: TimelineWriterStopped.self) { try await writer.drain() }
        let incident = Incident(
            id: 1, title: "t", severity: .sev3, channel: ChatChannel(name: "#inc-1"),
            declaredBy: Participant(identity: .account("alice"), nick: "alice"),
            declaredAt: Timestamp(milliseconds: 1_795_000_000_000))
        await #expect(throws: TimelineWriterStopped.self) { try await writer.commit(incident, entries: []) }
    }
}
