import SitrepCore
import Testing

/// Start-up load: every pending timer is read back at once, complete and in order, with many incidents. How fast
/// is measured by the timer benchmark (`deploy/bench/timer-bench.sh`), not asserted here.
@Suite struct StoreContractTimerLoadTests {
    static let incidents = 10_000
    static let timersPerIncident = 10
    /// Tasks writing at once (one incident's plan per transaction, as the planner stores them).
    static let writers = 4

    /// Serialized: the two backends' loads run one after the other, not both at once on a shared machine.
    @Test(.serialized, arguments: StoreBackend.allCases)
    func hundredThousandPendingTimersLoadCompleteAndInOrder(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ids = try await Self.declare(Self.incidents, in: store)
            var expected: [IncidentTimer] = []
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, id) in ids.enumerated() {
                    let plan = Self.plan(for: id)
                    expected += plan
                    if index >= Self.writers { try await group.next() }
                    group.addTask { try await store.replaceTimers(incidentID: id, with: plan) }
                }
                try await group.waitForAll()
            }
            expected.sort(by: Self.pendingOrder)

            let pending = try await store.pendingTimers()
            #expect(pending.count == Self.incidents * Self.timersPerIncident)
            #expect(pending == expected)
        }
    }

    /// Declares `count` incidents from `writers` tasks; returns their ids in order.
    private static func declare(_ count: Int, in store: any IncidentStore) async throws -> [Int64] {
        try await withThrowingTaskGroup(of: [Int64].self) { group in
            for _ in 0..<writers {
                group.addTask { try await Fixtures.declare(count / writers, in: store) }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted()
        }
    }

    /// Ten timers of several kinds, due times spread over a day and often equal across incidents.
    private static func plan(for id: Int64) -> [IncidentTimer] {
        let kinds = IncidentTimer.Kind.allCases
        return (0..<timersPerIncident).map { index in
            let spread = (id &* 7_919 &+ Int64(index) &* 104_729) % 86_400
            return Fixtures.timer(
                id,
                kinds[index % kinds.count],
                "key-\(index)",
                dueIn: spread,
                text: index.isMultiple(of: 3) ? "text of \(id)/\(index)" : nil
            )
        }
    }

    /// The documented order of `pendingTimers`: due, incident, kind, key (bytewise).
    private static func pendingOrder(_ a: IncidentTimer, _ b: IncidentTimer) -> Bool {
        if a.due != b.due { return a.due < b.due }
        if a.id.incidentID != b.id.incidentID { return a.id.incidentID < b.id.incidentID }
        if a.id.kind != b.id.kind { return a.id.kind.rawValue.utf8.lexicographicallyPrecedes(b.id.kind.rawValue.utf8) }
        return a.id.key.utf8.lexicographicallyPrecedes(b.id.key.utf8)
    }
}
