import SitrepCore
import Testing

/// `TimerStore.fire`: the claim, the incident change, the next plan and the effect are one transaction, for
/// every backend; a timer fires once, and a losing firing writes nothing.
@Suite struct StoreContractFiringTests {
    private let tier1 = Fixtures.timer(1, .escalation, "tier-1", dueIn: 4, text: "bob")
    private let tier2 = Fixtures.timer(1, .escalation, "tier-2", dueIn: 10, text: "carol")
    private let remind = Fixtures.timer(1, .reminder, "1", dueIn: 600, text: "check the LB")

    private func firing(of incident: Incident, effect: StoredFiring.Effect?) -> StoredFiring {
        var escalated = incident
        escalated.escalationLevel = 1
        escalated.lastEscalatedAt = Fixtures.start.adding(.seconds(4))
        let entry = TimelineEntry(
            incidentID: incident.id, time: Fixtures.start.adding(.seconds(4)), kind: .lifecycle, author: "sitrep",
            text: "PAGE tier 1: bob", detail: "timer=escalation/tier-1", isKeyEvent: true)
        return StoredFiring(
            timer: tier1.id, firedAt: Fixtures.start.adding(.seconds(4)), incident: escalated, entries: [entry],
            nextPlan: [tier2, remind], effect: effect)
    }

    @Test(arguments: StoreBackend.allCases)
    func aFiringStoresTheChangeTheNextPlanAndTheEffectTogetherOnce(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            try await store.replaceTimers(incidentID: 1, with: [tier1, remind])
            let incident = try #require(try await store.incident(id: 1))
            let effect = StoredFiring.Effect(key: "timer \(tier1.id)", payload: "[page bob]")
            #expect(try await store.fire(firing(of: incident, effect: effect)))

            #expect(try await store.incident(id: 1)?.escalationLevel == 1)
            #expect(try await store.firedTimers(incidentID: 1) == [tier1.id])
            #expect(try await store.pendingTimers() == [tier2, remind], "the next tier is planned in the same step")
            let timeline = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            #expect(timeline.map(\.text).contains("PAGE tier 1: bob"))
            let unsettled = try await store.unsettledEffects(before: 1)
            #expect(unsettled.map(\.key) == [effect.key] && unsettled.first?.payload == effect.payload)
            #expect(unsettled.first?.epoch == 0 && unsettled.first?.holder == "")

            let again = try #require(try await store.incident(id: 1))
            #expect(try await !store.fire(firing(of: again, effect: effect)), "a timer fires once")
            let after = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            #expect(after.count == timeline.count, "the losing firing wrote nothing")

            try await store.settleEffect(effect.key, outcome: .echoed, at: Fixtures.start.adding(.seconds(5)))
            #expect(try await store.unsettledEffects(before: 1).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aFiringAddsItsPayloadToTheClaimOfAPair(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            try await store.replaceTimers(incidentID: 1, with: [tier1])
            _ = try await store.acquireLease(holder: "a", ttl: .seconds(6), now: Fixtures.start)
            let key = "timer \(tier1.id)"
            #expect(try await store.claimEffect(key, holder: "a", epoch: 1, at: Fixtures.start))
            let incident = try #require(try await store.incident(id: 1))
            #expect(try await store.fire(firing(of: incident, effect: .init(key: key, payload: "[page]"))))
            let unsettled = try await store.unsettledEffects(before: 2)
            #expect(unsettled.map(\.holder) == ["a"] && unsettled.map(\.epoch) == [1], "the pair's claim is kept")
            #expect(unsettled.map(\.payload) == ["[page]"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aTimerNeverPlannedDoesNotFire(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            let incident = try #require(try await store.incident(id: 1))
            #expect(try await !store.fire(firing(of: incident, effect: nil)))
            #expect(try await store.incident(id: 1)?.escalationLevel == 0)
            #expect(try await store.pendingTimers().isEmpty)
        }
    }
}
