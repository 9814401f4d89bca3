import IncidentRuntime
import Logging
import SitrepCore
import Synchronization
import Testing

@Suite struct TimerServiceTests {
    final class Fired: Sendable {
        let mailbox = Mutex<[(IncidentTimer.ID, Timestamp)]>([])
        let stream: AsyncStream<IncidentTimer.ID>
        let continuation: AsyncStream<IncidentTimer.ID>.Continuation

        init() {
            (stream, continuation) = AsyncStream.makeStream(of: IncidentTimer.ID.self)
        }

        func record(_ timer: IncidentTimer, _ at: Timestamp) {
            mailbox.withLock { $0.append((timer.id, at)) }
            continuation.yield(timer.id)
        }

        /// The next `count` fired ids, in order.
        func next(_ count: Int) async -> [IncidentTimer.ID] {
            var ids: [IncidentTimer.ID] = []
            for await id in stream {
                ids.append(id)
                if ids.count == count { break }
            }
            return ids
        }
    }

    static let start = Timestamp(milliseconds: 1_764_000_000_000)

    func timer(_ key: String, dueIn milliseconds: Int64) -> IncidentTimer {
        IncidentTimer(incidentID: 1, kind: .reminder, key: key, due: Self.start.adding(.milliseconds(milliseconds)))
    }

    func withService(_ body: @Sendable (TimerService, Fired) async throws -> Void) async throws {
        let fired = Fired()
        let service = TimerService(
            clock: { Self.start.adding(Self.origin.duration(to: .now)) },
            logger: Logger(label: "test"), fire: { fired.record($0, $1) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            defer { group.cancelAll() }
            try await body(service, fired)
        }
    }

    static let origin = ContinuousClock.now

    @Test func firesDueTimersInOrderAndOnlyOnce() async throws {
        try await withService { service, fired in
            service.setConnected(true)
            service.load([timer("b", dueIn: 60), timer("a", dueIn: 30), timer("overdue", dueIn: -5_000)])
            #expect(await fired.next(3).map(\.key) == ["overdue", "a", "b"])
            #expect(service.pendingCount == 0)
        }
    }

    @Test func aSoonerTimerPlannedLaterWakesTheServiceEarly() async throws {
        try await withService { service, fired in
            service.setConnected(true)
            service.load([timer("late", dueIn: 600_000)])
            service.replace(incidentID: 1, with: [timer("late", dueIn: 600_000), timer("soon", dueIn: 20)])
            #expect(await fired.next(1).map(\.key) == ["soon"])
        }
    }

    @Test func nothingFiresWhileDisconnectedAndItAllGoesAfterReconnect() async throws {
        try await withService { service, fired in
            service.load([timer("during-outage", dueIn: -1)])
            try await Task.sleep(for: .milliseconds(50))
            #expect(fired.mailbox.withLock { $0.isEmpty })
            service.setConnected(true)
            #expect(await fired.next(1).map(\.key) == ["during-outage"])
        }
    }
}

extension TimerServiceTests {
    @Test func aTimerWaitsForItsOwnNetworkWhileAnotherNetworkGoesOn() async throws {
        try await withService { service, fired in
            let onIRC = IncidentTimer(incidentID: 1, kind: .reminder, key: "irc", due: Self.start.adding(.seconds(-1)))
            let onMatrix = IncidentTimer(
                incidentID: 2, kind: .reminder, key: "matrix", due: Self.start.adding(.seconds(-1)))
            service.load([onIRC, onMatrix], networks: [1: "irc", 2: "matrix"])
            service.setConnected(true, network: "matrix")
            #expect(await fired.next(1).map(\.key) == ["matrix"], "IRC is down: only the Matrix incident's timer")
            try await Task.sleep(for: .milliseconds(50))
            #expect(fired.mailbox.withLock { $0.count } == 1)
            #expect(service.timers(of: 1).map(\.id.key) == ["irc"], "held, still pending")
            service.setConnected(true, network: "irc")
            #expect(await fired.next(1).map(\.key) == ["irc"])
            #expect(service.pendingCount == 0)
        }
    }

    @Test func replacingAnIncidentsTimersDropsTheOnesHeldForItsNetwork() async throws {
        try await withService { service, fired in
            service.setConnected(true, network: "matrix")
            service.replace(incidentID: 1, with: [timer("stale", dueIn: -1)], network: "irc")
            try await Task.sleep(for: .milliseconds(50))
            #expect(service.timers(of: 1).map(\.id.key) == ["stale"])
            service.replace(incidentID: 1, with: [timer("fresh", dueIn: -1)], network: "irc")
            service.setConnected(true, network: "irc")
            #expect(await fired.next(1).map(\.key) == ["fresh"])
            #expect(service.pendingCount == 0)
        }
    }
}
