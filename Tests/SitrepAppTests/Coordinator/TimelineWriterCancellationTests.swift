import Foundation
import Logging
import SQLiteStore
import SitrepApp
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
}
