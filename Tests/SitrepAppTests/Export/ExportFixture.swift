import Exports
import Foundation
import SQLiteStore
import SitrepApp
import SitrepCore

/// A fresh SQLite store in a temporary directory, deleted afterwards, for export and verify tests.
enum ExportFixture {
    static let alice = Participant(identity: .account("alice"), nick: "alice")
    static let bob = Participant(identity: .nick("bob_", network: "libera"), nick: "bob_")
    static let start = Timestamp(milliseconds: 1_795_000_000_000)

    static func withStore(_ body: (SQLiteIncidentStore, String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-export-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sitrep.sqlite").path
        let store = try SQLiteIncidentStore(path: path)
        defer { try? store.close() }
        try await body(store, path)
    }

    /// INC-1 with most fields set, three entries and two follow-ups: the snapshot fixture.
    static func small(in store: SQLiteIncidentStore) async throws {
        _ = try await store.declare(
            { id in
                var incident = Incident(
                    id: id, title: "checkout <502s> *EU*", severity: .sev2, channel: ChatChannel(name: "#inc-\(id)"),
                    declaredBy: alice, declaredAt: start)
                incident.priority = .p1
                incident.category = "network/dns"
                incident.services = ["checkout", "payments"]
                incident.lead = bob
                incident.roles = ["commander": bob, "scribe": alice]
                incident.rootCause = "expired certificate\non the LB"
                return incident
            },
            entries: { incident in
                [
                    TimelineEntry(
                        incidentID: incident.id, time: start, kind: .lifecycle, author: "sitrep", text: "declared",
                        detail: "state: investigating", isKeyEvent: true)
                ]
            })
        try await store.append([
            TimelineEntry(
                incidentID: 1, time: start.adding(.seconds(61)), kind: .message, author: "alice", account: "alice",
                text: "LB cert expired at 23:59"),
            TimelineEntry(
                incidentID: 1, time: start.adding(.seconds(86_400)), kind: .action, author: "bob_",
                text: "rotates the cert"),
        ])
        let done = try await store.addFollowUp(
            incidentID: 1, text: "alert on expiry", owner: "bob_", createdBy: alice, at: start.adding(.seconds(5)))
        _ = try await store.completeFollowUp(id: done.id, at: start.adding(.seconds(100)))
        _ = try await store.addFollowUp(
            incidentID: 1, text: "automate rotation", owner: nil, createdBy: bob, at: start.adding(.seconds(6)))
    }

    static func export(_ id: Int64, _ format: ExportFormat, from store: SQLiteIncidentStore) async throws -> String {
        var sink = StringExportSink()
        try await IncidentExporter.export(incidentID: id, format: format, from: store, to: &sink)
        return sink.text
    }
}
