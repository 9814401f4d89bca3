import SitrepCore
import Testing

/// `FencingStore`: side effects claimed once under the lease, and queued alerts handed to one active instance,
/// for every backend.
@Suite struct StoreContractFencingTests {
    let t0 = Fixtures.start
    let ttl = Duration.seconds(10)

    @Test(arguments: StoreBackend.allCases)
    func anEffectIsClaimedOnceEvenAcrossAChangeOfHolder(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let a = try await store.acquireLease(holder: "a", ttl: ttl, now: t0)
            #expect(try await store.claimEffect("timer INC-1/ack/x", holder: "a", epoch: a.epoch, at: t0))
            #expect(try await store.claimEffect("timer INC-1/ack/x", holder: "a", epoch: a.epoch, at: t0) == false)
            #expect(try await store.claimEffect("timer INC-1/ack/y", holder: "a", epoch: a.epoch, at: t0))
            // a dies; b takes over and must not send what a already claimed.
            let b = try await store.acquireLease(holder: "b", ttl: ttl, now: t0.adding(.seconds(11)))
            #expect(b.epoch == a.epoch + 1)
            let at = t0.adding(.seconds(12))
            #expect(try await store.claimEffect("timer INC-1/ack/x", holder: "b", epoch: b.epoch, at: at) == false)
            #expect(try await store.claimEffect("timer INC-1/ack/z", holder: "b", epoch: b.epoch, at: at))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anInstanceWhoseLeaseMovedOnCanClaimNothing(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let a = try await store.acquireLease(holder: "a", ttl: ttl, now: t0)
            let b = try await store.acquireLease(holder: "b", ttl: ttl, now: t0.adding(.seconds(11)))
            // a wakes from a pause still believing it holds epoch 1.
            await #expect(throws: LeaseLost(holder: "a", epoch: a.epoch, current: b)) {
                try await store.claimEffect("page alice", holder: "a", epoch: a.epoch, at: t0.adding(.seconds(12)))
            }
            await #expect(throws: LeaseLost.self) {
                try await store.claimEffect("page alice", holder: "b", epoch: a.epoch, at: t0.adding(.seconds(12)))
            }
            // Nothing was recorded by the refused claims: b can still claim the key.
            #expect(try await store.claimEffect("page alice", holder: "b", epoch: b.epoch, at: t0.adding(.seconds(12))))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func withoutAnyLeaseNothingCanBeClaimed(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: LeaseLost(holder: "a", epoch: 1, current: nil)) {
                try await store.claimEffect("x", holder: "a", epoch: 1, at: t0)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func queuedAlertsGoToTheActiveInstanceOnceInOrder(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            // The standby queues while nobody is active; payloads are kept byte for byte.
            let payloads = ["[{\"n\":1}]", "[{\"n\":2}]", "[{\"n\":3,\"s\":\"\u{0}é\"}]"]
            for (index, payload) in payloads.enumerated() {
                try await store.queueAlerts(payload, at: t0.adding(.seconds(Int64(index))))
            }
            await #expect(throws: LeaseLost.self) {
                try await store.takeQueuedAlerts(holder: "a", epoch: 1, limit: 10)
            }
            let a = try await store.acquireLease(holder: "a", ttl: ttl, now: t0)
            let first = try await store.takeQueuedAlerts(holder: "a", epoch: a.epoch, limit: 2)
            #expect(first.map(\.payload) == Array(payloads.prefix(2)))
            #expect(first.map(\.receivedAt) == [t0, t0.adding(.seconds(1))])
            let rest = try await store.takeQueuedAlerts(holder: "a", epoch: a.epoch, limit: 10)
            #expect(rest.map(\.payload) == [payloads[2]])
            #expect(try await store.takeQueuedAlerts(holder: "a", epoch: a.epoch, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func describedEffectsStayUnsettledUntilEchoedOrResentAndOnlyOlderEpochsAreListed(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let a = try await store.acquireLease(holder: "a", ttl: ttl, now: t0)
            for key in ["page bob", "remind #inc-1", "undescribed"] {
                #expect(try await store.claimEffect(key, holder: "a", epoch: a.epoch, at: t0))
            }
            try await store.describeEffect("page bob", payload: #"[{"message":{"target":"bob","text":"INC-1 \u0000"}}]"#)
            try await store.describeEffect("remind #inc-1", payload: "[]")
            try await store.settleEffect("remind #inc-1", outcome: .echoed, at: t0.adding(.seconds(1)))
            #expect(try await store.unsettledEffects(before: a.epoch).isEmpty, "only effects of earlier epochs")
            let b = try await store.acquireLease(holder: "b", ttl: ttl, now: t0.adding(.seconds(11)))
            let unsettled = try await store.unsettledEffects(before: b.epoch)
            #expect(
                unsettled == [
                    UnsettledEffect(
                        key: "page bob", holder: "a", epoch: a.epoch, claimedAt: t0,
                        payload: #"[{"message":{"target":"bob","text":"INC-1 \u0000"}}]"#)
                ])
            try await store.settleEffect("page bob", outcome: .resent, at: t0.adding(.seconds(12)))
            // Settling twice keeps the first outcome; nothing is listed any more.
            try await store.settleEffect("page bob", outcome: .echoed, at: t0.adding(.seconds(13)))
            #expect(try await store.unsettledEffects(before: b.epoch + 1).isEmpty)
        }
    }
}
