import Foundation
import IncidentRuntime
import Logging
import SQLiteStore
import SitrepCore
import Testing

/// A timer plan stored while a firing of that incident is queued: the plan leaves the firing timer out (it is
/// firing), so stored first it would delete the timer's row and the firing, finding nothing to claim, would be
/// lost. Through the writer it is stored after the firing, which claims its timer first.
/// (`EscalationEndToEndTests` lost an update reminder this way under CI's load: an `!ack` replanned while the
/// reminder's firing was queued, and the reminder came a whole cadence late.)
@Suite struct TimelineWriterTimerPlanTests {
    static let start = Timestamp(milliseconds: 1_795_000_000_000)
    static let alice = Participant(identity: .account("alice"), nick: "alice")

    static func timer(_ key: String, dueIn seconds: Int64) -> IncidentTimer {
        IncidentTimer(incidentID: 1, kind: .updateDue, key: key, due: start.adding(.seconds(seconds)))
    }

    static func firing(_ timer: IncidentTimer, of incident: Incident, next: [IncidentTimer]) -> StoredFiring {
        let entry = TimelineEntry(
            incidentID: incident.id, time: timer.due, kind: .lifecycle, author: "sitrep",
            text: "stakeholders are due an update", detail: .timer(.updateDue, key: timer.id.key, fired: nil),
            isKeyEvent: true)
        return StoredFiring(
            timer: timer.id, firedAt: timer.due, incident: incident, entries: [entry], nextPlan: next, effect: nil)
    }

    static func withStore(_ body: (SQLiteIncidentStore, Incident) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-timerplan-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteIncidentStore(path: folder.appendingPathComponent("sitrep.sqlite").path)
        defer { try? store.close() }
        let incident = try await store.declare(
            { id in
                Incident(
                    id: id, title: "t", severity: .sev1, channel: ChatChannel(name: "#inc-\(id)"), declaredBy: alice,
                    declaredAt: start)
            }, entries: { _ in [] })
        try await body(store, incident)
    }

    @Test(.timeLimit(.minutes(1))) func aPlanQueuedAfterAFiringIsStoredAfterItAndTheFiringIsNotLost() async throws {
        try await Self.withStore { store, incident in
            let first = Self.timer("0-1", dueIn: 8)
            let second = Self.timer("0-2", dueIn: 16)
            try await store.replaceTimers(incidentID: incident.id, with: [first])
            let writer = TimelineWriter(store: store, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            // The firing is queued first, then a replan made meanwhile (without the firing timer) is queued;
            // the writer starts only once both wait, as when it is busy with an earlier transaction.
            let fired = Task { try await writer.fire(Self.firing(first, of: incident, next: [second])) }
            for _ in 0..<200 { await Task.yield() }
            let planned = Task { try await writer.replaceTimers(incidentID: incident.id, with: [second]) }
            for _ in 0..<200 { await Task.yield() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await writer.run() }
                #expect(try await fired.value, "the firing claims its timer")
                try await planned.value
                group.cancelAll()
            }
            #expect(try await store.firedTimers(incidentID: incident.id) == [first.id])
            #expect(try await store.pendingTimers() == [second])
            let timeline = try await store.timeline(incidentID: incident.id, limit: nil, keyEventsOnly: true)
            #expect(timeline.map(\.detail) == [.timer(.updateDue, key: "0-1", fired: nil)])
        }
    }

    /// What the writer's order prevents: the same plan stored straight to the store ahead of the firing.
    @Test func aPlanStoredAheadOfTheFiringLeavesItNothingToClaim() async throws {
        try await Self.withStore { store, incident in
            let first = Self.timer("0-1", dueIn: 8)
            let second = Self.timer("0-2", dueIn: 16)
            try await store.replaceTimers(incidentID: incident.id, with: [first])
            try await store.replaceTimers(incidentID: incident.id, with: [second])
            #expect(try await store.fire(Self.firing(first, of: incident, next: [second])) == false)
            #expect(try await store.firedTimers(incidentID: incident.id).isEmpty)
        }
    }
}
