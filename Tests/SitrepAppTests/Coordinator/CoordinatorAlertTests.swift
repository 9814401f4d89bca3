import CoordinatorTestSupport
import IncidentRuntime
import SitrepApp
import SitrepCore
import Synchronization
import Testing

/// Alerts from monitoring through the real coordinator, SQLite store and a recording network.
@Suite struct CoordinatorAlertTests {
    typealias H = CoordinatorHarness

    /// critical → declare (SEV2 when the label names none); info → ignore; the rest → post. Two lines per batch.
    static let settings: CoordinatorSettings = {
        var settings = H.settings
        settings.alertPolicy = AlertPolicy(
            rules: [
                AlertRule(match: ["severity": ["critical"]], action: .declare, severity: .sev2),
                AlertRule(match: ["severity": ["info"]], action: .ignore),
            ],
            maxLines: 2
        )
        return settings
    }()

    static func notice(
        _ fingerprint: String,
        _ status: AlertStatus = .firing,
        name: String = "HighErrorRate",
        severity: String = "critical",
        summary: String? = "Checkout error rate above 5%"
    ) -> AlertNotice {
        AlertNotice(
            source: "alertmanager",
            fingerprint: fingerprint,
            status: status,
            labels: ["alertname": name, "severity": severity, "service": "checkout"],
            annotations: summary.map { ["summary": $0] } ?? [:],
            url: "http://prometheus:9090/graph?g0.expr=x"
        )
    }

    static func run(_ body: @Sendable (CoordinatorHarness, AlertIntake) async throws -> Void) async throws {
        try await H.run(settings: settings) { h in try await body(h, AlertIntake(coordinator: h.coordinator)) }
    }

    @Test func aCriticalAlertDeclaresAnIncidentExactlyAsAPersonWouldWithoutTheInvitation() async throws {
        try await Self.run { h, intake async throws in
            let summary = try await intake.receive([Self.notice("fp1")])
            #expect(summary == AlertIntakeSummary(received: 1, alerts: [1], new: 1, declared: [1]))
            let incident = try #require(try await h.store.incident(id: 1))
            #expect(incident.title == "Checkout error rate above 5%" && incident.severity == .sev1)
            #expect(incident.declaredBy.nick == "alertmanager" && incident.declaredBy.identity.network == "sitrep")
            #expect(h.network.actions.contains(.join(channel: "#inc-1")))
            #expect(
                h.network.actions.contains(
                    .setTopic(
                        channel: "#inc-1",
                        topic: "[SEV1 · investigating · lead: none] Checkout error rate above 5%"
                    )
                )
            )
            #expect(!h.network.actions.contains { if case .invite = $0 { true } else { false } })
            #expect(
                h.network.said(to: "#incidents") == [
                    "INC-1 [SEV1] Checkout error rate above 5%: declared by alertmanager; join #inc-1",
                    "alert 1 firing [critical]: Checkout error rate above 5% → INC-1 (#inc-1)",
                ]
            )
            let channel = h.network.said(to: "#inc-1")
            #expect(channel.first?.hasPrefix("declared automatically by the alert rules from alert 1") == true)
            #expect(
                channel.contains(
                    "alert 1 firing [critical]: Checkout error rate above 5% http://prometheus:9090/graph?g0.expr=x"
                )
            )
            #expect(try await h.store.alerts(incidentID: 1).map(\.id) == [1])
            let timeline = try await h.timeline(1)
            #expect(timeline.first?.kind == .lifecycle && timeline.first?.author == "alertmanager")
            let entry = try #require(timeline.first { $0.kind == .alert })
            #expect(entry.sequence == 2 && entry.isKeyEvent && entry.author == "alertmanager")
            #expect(entry.text.hasPrefix("alert 1 opened this incident: Checkout error rate above 5%"))
            #expect(try await h.store.openIncidents().count == 1)
        }
    }

    @Test func aSecondFiringOfTheSameAlertDeclaresNothingAndSaysNothing() async throws {
        try await Self.run { h, intake async throws in
            _ = try await intake.receive([Self.notice("fp1")])
            h.network.clear()
            let summary = try await intake.receive([Self.notice("fp1")])
            #expect(summary == AlertIntakeSummary(received: 1, alerts: [1], repeated: 1))
            #expect(try await h.store.openIncidents().count == 1)
            #expect(h.network.actions.isEmpty)
            #expect(try await h.store.alert(id: 1)?.count == 2)
        }
    }

    @Test func concurrentDeliveriesOfOneGroupOpenOneIncident() async throws {
        try await Self.run { h, intake async throws in
            // Each delivery repeats the group's earlier alerts and adds one (as Alertmanager does).
            let groups = (1...4).map { size in (1...size).map { Self.notice("fp\($0)") } }
            try await withThrowingTaskGroup(of: AlertIntakeSummary.self) { group in
                for notices in groups { group.addTask { try await intake.receive(notices) } }
                try await group.waitForAll()
            }
            #expect(try await h.store.openIncidents().map(\.id) == [1])
            #expect(try await h.store.alerts(incidentID: 1).count == 4)
        }
    }

    @Test func aPersonDeclaringFromAnAlertBeingDeclaredMeanwhileGetsToldInsteadOfASecondIncident() async throws {
        try await Self.run { h, intake async throws in
            let asked = Mutex(false)
            // While the webhook's declaration waits on the network (actor reentrancy), someone types the command.
            h.network.onPerform { action in
                guard action == .join(channel: "#inc-1"),
                    asked.withLock({
                        let first = !$0
                        $0 = true
                        return first
                    })
                else { return }
                await h.say("!declare from alert 1", by: H.carol, in: "#ops")
            }
            _ = try await intake.receive([Self.notice("fp1")])
            #expect(asked.withLock { $0 })
            // The alert is linked to its incident in the declaration's transaction: the person is told which one.
            #expect(
                h.network.said(to: "#ops") == [
                    "alert 1 is already part of INC-1 [SEV1] Checkout error rate above 5%; join #inc-1"
                ])
            #expect(try await h.store.openIncidents().map(\.id) == [1])
        }
    }

    @Test func aResolvedAlertIsNotedOnItsOpenIncidentAndInItsChannel() async throws {
        try await Self.run { h, intake async throws in
            _ = try await intake.receive([Self.notice("fp1")])
            h.network.clear()
            let summary = try await intake.receive([Self.notice("fp1", .resolved)])
            #expect(summary.resolved == 1 && summary.declared.isEmpty)
            #expect(h.network.said(to: "#inc-1") == ["alert 1 resolved: Checkout error rate above 5%"])
            #expect(h.network.said(to: "#incidents") == ["alert 1 resolved: Checkout error rate above 5% (INC-1)"])
            let entries = try await h.timeline(1).filter { $0.kind == .alert }
            #expect(entries.map { String($0.text.prefix(16)) } == ["alert 1 opened t", "alert 1 resolved"])
            #expect(try await h.store.incident(id: 1)?.state == .investigating)
        }
    }

    @Test func aFlappingAlertFiresAgainInItsIncidentInsteadOfOpeningAnother() async throws {
        try await Self.run { h, intake async throws in
            _ = try await intake.receive([Self.notice("fp1")])
            _ = try await intake.receive([Self.notice("fp1", .resolved)])
            h.network.clear()
            let summary = try await intake.receive([Self.notice("fp1")])
            #expect(summary.alerts == [1] && summary.new == 1 && summary.declared.isEmpty)
            #expect(try await h.store.openIncidents().count == 1)
            #expect(h.network.said(to: "#inc-1") == ["alert 1 firing again [critical]: Checkout error rate above 5%"])
            #expect(h.network.said(to: "#incidents").isEmpty)
            #expect(try await h.timeline(1).contains { $0.kind == .alert && $0.text.hasPrefix("alert 1 firing again") })
        }
    }

    @Test func aNewAlertOfTheSameGroupJoinsTheOpenIncident() async throws {
        try await Self.run { h, intake async throws in
            _ = try await intake.receive([Self.notice("fp1")])
            h.network.clear()
            let summary = try await intake.receive([
                Self.notice("fp1"), Self.notice("fp2", summary: "Latency p99 > 2s"),
            ])
            #expect(summary.declared.isEmpty && summary.attachedTo == 1)
            #expect(try await h.store.openIncidents().count == 1)
            #expect(try await h.store.alerts(incidentID: 1).map(\.id) == [1, 2])
            #expect(
                h.network.said(to: "#incidents") == ["alert 2 firing [critical]: Latency p99 > 2s → INC-1 (#inc-1)"]
            )
            #expect(
                h.network.said(to: "#inc-1").first?.hasPrefix("alert 2 firing [critical]: Latency p99 > 2s") == true
            )
            #expect(try await h.timeline(1).contains { $0.text.hasPrefix("alert 2 joined this incident") })
        }
    }

    @Test func anAlertWithoutADeclareRuleIsPostedWithTheHintAndAnIgnoredOneNotAtAll() async throws {
        try await Self.run { h, intake async throws in
            let summary = try await intake.receive([
                Self.notice("w", severity: "warning", summary: "Disk 85% full"), Self.notice("i", severity: "info"),
            ])
            #expect(summary == AlertIntakeSummary(received: 2, alerts: [1, 2], new: 2, ignored: 1))
            #expect(
                h.network.said(to: "#incidents") == ["alert 1 firing [warning]: Disk 85% full; !declare from alert 1"]
            )
            #expect(try await h.store.openIncidents().isEmpty)
        }
    }

    @Test func manyAlertsAtOnceArePostedAsTheLimitAndOneSummaryLine() async throws {
        try await Self.run { h, intake async throws in
            let notices = (1...12).map {
                Self.notice("w\($0)", name: $0 <= 8 ? "HighLatency" : "DiskFull", severity: "warning", summary: nil)
            }
            _ = try await intake.receive(notices)
            let lines = h.network.said(to: "#incidents")
            #expect(lines.count == 3)
            #expect(lines[2] == "…and 10 more firing: alerts 3–12 (HighLatency ×6, DiskFull ×4)")
        }
    }

    @Test func declaringFromAnAlertTakesItsTitleAndSeverityAndLinksIt() async throws {
        try await Self.run { h, intake async throws in
            _ = try await intake.receive([Self.notice("w", severity: "warning", summary: "Disk 85% full")])
            await h.say("!declare from alert 1", by: H.carol, in: "#ops", at: 5)
            let incident = try #require(try await h.store.incident(id: 1))
            #expect(incident.title == "Disk 85% full" && incident.severity == .sev3 && incident.declaredBy == H.carol)
            #expect(h.network.actions.contains(.awaitedInvite(nick: "carol", channel: "#inc-1")))
            #expect(h.network.said(to: "#ops") == ["carol: incident 1 declared (SEV3); join #inc-1"])
            #expect(try await h.store.alert(id: 1)?.incidentID == 1)
            let entry = try #require(try await h.timeline(1).first { $0.kind == .alert })
            #expect(entry.text.hasPrefix("alert 1 opened this incident: Disk 85% full"))
            #expect(!h.network.said(to: "#inc-1").contains { $0.hasPrefix("declared automatically") })

            await h.say("!declare sev1 from alert 1 again", by: H.carol, in: "#ops", at: 6)
            #expect(
                h.network.said(to: "#ops").last == "alert 1 is already part of INC-1 [SEV3] Disk 85% full; join #inc-1"
            )
            #expect(try await h.store.openIncidents().count == 1)
        }
    }

    @Test func aSeverityAndTitleGivenWithTheCommandWin() async throws {
        try await Self.run { h, intake async throws in
            _ = try await intake.receive([Self.notice("w", severity: "warning")])
            await h.say("!declare sev1 from alert 1 Checkout is down", by: H.carol, in: "#ops")
            let incident = try #require(try await h.store.incident(id: 1))
            #expect(incident.title == "Checkout is down" && incident.severity == .sev1)
        }
    }

    @Test func anUnknownAlertNumberGetsAOneLineReply() async throws {
        try await Self.run { h, _ async throws in
            await h.say("!declare from alert 99", by: H.carol, in: "#ops")
            #expect(
                h.network.said(to: "#ops") == [
                    "no alert 99: alert numbers are in the alert announcements; usage: !declare [sevN] from alert <n> [title]"
                ]
            )
            await h.say("!declare from alert x", by: H.carol, in: "#ops")
            #expect(
                h.network.said(to: "#ops").last?.hasPrefix("give the alert's number, e.g. !declare from alert 17")
                    == true
            )
            #expect(try await h.store.openIncidents().isEmpty)
        }
    }

    @Test func anAlertWhoseIncidentWasClosedAndFiresAgainIsANewAlert() async throws {
        try await Self.run { h, intake async throws in
            _ = try await intake.receive([Self.notice("fp1")])
            _ = try await intake.receive([Self.notice("fp1", .resolved)])
            await h.say("!cancel false alarm", by: H.alice, in: "#inc-1", at: 10)
            #expect(try await h.store.openIncidents().isEmpty)
            let summary = try await intake.receive([Self.notice("fp1")])
            #expect(summary.alerts == [2] && summary.declared == [2])
        }
    }
}
