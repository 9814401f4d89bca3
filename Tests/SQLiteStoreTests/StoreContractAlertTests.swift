import SitrepCore
import Testing

/// Alerts from monitoring (`AlertStore`), for every backend.
@Suite struct StoreContractAlertTests {
    static func notice(
        _ fingerprint: String = "5c0b5e1bf3c4f2a7",
        _ status: AlertStatus = .firing,
        source: String = "alertmanager",
        summary: String = "Checkout error rate above 5%",
        endsAt: Timestamp? = nil
    ) -> AlertNotice {
        AlertNotice(
            source: source,
            fingerprint: fingerprint,
            status: status,
            labels: ["alertname": "HighErrorRate", "severity": "critical", "service": "chéckout 🛒"],
            annotations: ["summary": summary, "description": "5xx above 5%\nfor 5 minutes"],
            startsAt: Fixtures.start.adding(.seconds(-60)),
            endsAt: endsAt,
            url: "http://prometheus:9090/graph?g0.expr=x"
        )
    }

    static func at(_ seconds: Int64) -> Timestamp { Fixtures.start.adding(.seconds(seconds)) }

    @Test(arguments: StoreBackend.allCases)
    func aBatchIsRecordedInOrderAndAnUnknownResolvedNoticeLeftOut(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let batch = [
                Self.notice("a"), Self.notice("gone", .resolved), Self.notice("b"), Self.notice("a"),
                Self.notice("b", .resolved),
            ]
            let recordings = try await store.recordAlerts(batch, at: Self.at(0))
            #expect(recordings.map(\.alert.id) == [1, 2, 1, 2])
            #expect(recordings.map(\.change) == [.opened, .opened, .repeated, .resolved])
            #expect(try await store.recordAlerts([], at: Self.at(1)).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aNewAlertGetsTheNextSmallNumberAndKeepsWhatWasSent(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let first = try #require(try await store.record(Self.notice("a"), at: Self.at(0)))
            let second = try #require(try await store.record(Self.notice("b"), at: Self.at(1)))
            #expect(first.change == .opened && second.change == .opened)
            #expect(first.alert.id == 1 && second.alert.id == 2)
            let expected = Alert(
                id: 1,
                source: "alertmanager",
                fingerprint: "a",
                status: .firing,
                labels: ["alertname": "HighErrorRate", "severity": "critical", "service": "chéckout 🛒"],
                annotations: ["summary": "Checkout error rate above 5%", "description": "5xx above 5%\nfor 5 minutes"],
                url: "http://prometheus:9090/graph?g0.expr=x",
                startsAt: Self.at(-60),
                firstSeenAt: Self.at(0),
                lastSeenAt: Self.at(0),
                count: 1
            )
            #expect(first.alert == expected)
            #expect(try await store.alert(id: 1) == expected)
            #expect(try await store.alert(id: 3) == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aDuplicateUpdatesTheSameAlert(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.record(Self.notice(), at: Self.at(0))
            let again = try #require(try await store.record(Self.notice(summary: "now 9%"), at: Self.at(30)))
            #expect(again.change == .repeated)
            #expect(again.alert.id == 1 && again.alert.count == 2)
            #expect(again.alert.title == "now 9%")
            #expect(again.alert.firstSeenAt == Self.at(0) && again.alert.lastSeenAt == Self.at(30))
            #expect(try await store.alert(id: 1) == again.alert)
            #expect(try await store.alert(id: 2) == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theSameFingerprintFromAnotherSourceIsAnotherAlert(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.record(Self.notice(), at: Self.at(0))
            let other = try #require(try await store.record(Self.notice(source: "grafana"), at: Self.at(1)))
            #expect(other.change == .opened && other.alert.id == 2 && other.alert.source == "grafana")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aResolvedNoticeResolvesOnceAndAnUnknownOneIsNotStored(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(try await store.record(Self.notice("never", .resolved), at: Self.at(0)) == nil)
            _ = try await store.record(Self.notice(), at: Self.at(0))
            let resolved = try #require(
                try await store.record(
                    Self.notice("5c0b5e1bf3c4f2a7", .resolved, endsAt: Self.at(55)),
                    at: Self.at(60)
                )
            )
            #expect(resolved.change == .resolved)
            #expect(resolved.alert.status == .resolved && resolved.alert.resolvedAt == Self.at(55))
            #expect(resolved.alert.count == 1 && resolved.alert.lastSeenAt == Self.at(60))
            let again = try #require(
                try await store.record(Self.notice("5c0b5e1bf3c4f2a7", .resolved), at: Self.at(90))
            )
            #expect(again.change == .resolvedAgain && again.alert == resolved.alert)
            let withoutEnd = try #require(try await store.record(Self.notice("b"), at: Self.at(100)))
            let noEnd = try await store.record(Self.notice("b", .resolved), at: Self.at(110))
            #expect(noEnd?.alert.id == withoutEnd.alert.id && noEnd?.alert.resolvedAt == Self.at(110))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aResolvedAlertFiringAgainIsNewUnlessItsIncidentIsOpen(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(2, in: store)
            _ = try await store.record(Self.notice("flap"), at: Self.at(0))
            _ = try await store.linkAlerts(ids: [1], toIncident: 1)
            _ = try await store.record(Self.notice("flap", .resolved), at: Self.at(10))
            let refired = try #require(try await store.record(Self.notice("flap"), at: Self.at(20)))
            #expect(refired.change == .refired)
            #expect(refired.alert.id == 1 && refired.alert.count == 2 && refired.alert.status == .firing)
            #expect(refired.alert.resolvedAt == nil && refired.alert.incidentID == 1)

            _ = try await store.record(Self.notice("flap", .resolved), at: Self.at(30))
            var closed = Fixtures.incident(1)
            closed.state = .closed
            try await store.commit(closed, entries: [])
            let afterClosure = try #require(try await store.record(Self.notice("flap"), at: Self.at(40)))
            #expect(
                afterClosure.change == .opened && afterClosure.alert.id == 2 && afterClosure.alert.incidentID == nil
            )

            _ = try await store.record(Self.notice("solo"), at: Self.at(50))
            _ = try await store.record(Self.notice("solo", .resolved), at: Self.at(60))
            let unlinked = try #require(try await store.record(Self.notice("solo"), at: Self.at(70)))
            #expect(unlinked.change == .opened && unlinked.alert.id == 4)
            // The latest alert of a fingerprint is the one a notice updates.
            let repeatOfNew = try await store.record(Self.notice("flap"), at: Self.at(80))
            #expect(repeatOfNew?.alert.id == 2 && repeatOfNew?.change == .repeated)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func alertsAreLinkedToAnIncidentAndListedByIt(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(2, in: store)
            for fingerprint in ["a", "b", "c"] {
                _ = try await store.record(Self.notice(fingerprint), at: Self.at(0))
            }
            let linked = try await store.linkAlerts(ids: [3, 1, 99], toIncident: 2)
            #expect(linked.map(\.id) == [1, 3] && linked.allSatisfy { $0.incidentID == 2 })
            #expect(try await store.alerts(incidentID: 2).map(\.id) == [1, 3])
            #expect(try await store.alerts(incidentID: 1).isEmpty)
            #expect(try await store.alert(id: 2)?.incidentID == nil)
            _ = try await store.linkAlerts(ids: [3], toIncident: 1)
            #expect(try await store.alerts(incidentID: 2).map(\.id) == [1])
            await #expect(throws: (any Error).self) { _ = try await store.linkAlerts(ids: [2], toIncident: 7) }
            #expect(try await store.alert(id: 2)?.incidentID == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func alertsSurviveARestartAndNumbersAreNeverReused(backend: StoreBackend) async throws {
        try await backend.withStorage { storage in
            let first = try await storage.open()
            _ = try await first.store.record(Self.notice("a"), at: Self.at(0))
            _ = try await first.store.record(Self.notice("b"), at: Self.at(0))
            try first.close()
            let second = try await storage.open()
            defer { try? second.close() }
            let repeated = try await second.store.record(Self.notice("b"), at: Self.at(5))
            #expect(repeated?.change == .repeated && repeated?.alert.id == 2)
            let next = try await second.store.record(Self.notice("c"), at: Self.at(6))
            #expect(next?.alert.id == 3)
        }
    }
}

extension AlertStore {
    /// Records one notice on its own.
    fileprivate func record(_ notice: AlertNotice, at time: Timestamp) async throws -> AlertRecording? {
        try await recordAlerts([notice], at: time).first
    }
}
