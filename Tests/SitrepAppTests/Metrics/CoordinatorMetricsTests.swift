import CoordinatorTestSupport
import IncidentRuntime
import SitrepApp
import SitrepCore
import Testing

/// The real coordinator and timeline writer over real SQLite, recording into a real Prometheus registry; every
/// assertion reads the rendered exposition text.
@Suite struct CoordinatorMetricsTests {
    typealias H = CoordinatorHarness
    static let timerSettings = CoordinatorSettings(
        permissions: H.settings.permissions, announceChannel: "#incidents", timerPolicy: H.timerPolicy)

    func scrape(_ prometheus: PrometheusMetrics) async throws -> Exposition {
        try Exposition(await prometheus.render())
    }

    @Test func commandsAreCountedByCanonicalNameAndOutcome() async throws {
        let prometheus = PrometheusMetrics()
        try await H.run(metrics: prometheus.metrics) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            await h.say("!sev banana", by: H.bob, in: "#inc-1")
            await h.say("!frobnicate the database", by: H.bob, in: "#inc-1")
            await h.say("!resolve fixed it", by: H.mallory, in: "#inc-1")
            await h.say("!resolved fixed it", by: H.mallory, in: "#inc-1")
            await h.say("!close", by: H.alice, in: "#inc-1")
            await h.say("!ack", by: H.bob, in: "#inc-1")
            await h.say("!status", by: H.bob, in: "#ops")
            await h.say("!status", by: H.bob, in: "#inc-1")
            try await h.settle()
        }
        let exposition = try await scrape(prometheus)
        #expect(exposition.types["sitrep_commands_total"] == "counter")
        let expected: [[String: String]: Double] = [
            ["command": "declare", "outcome": "ok"]: 1,
            ["command": "sev", "outcome": "usage"]: 1,
            ["command": "unknown", "outcome": "usage"]: 1,
            ["command": "resolve", "outcome": "denied"]: 2,
            ["command": "close", "outcome": "refused"]: 1,
            ["command": "ack", "outcome": "ok"]: 1,
            ["command": "status", "outcome": "usage"]: 1,
            ["command": "status", "outcome": "ok"]: 1,
        ]
        #expect(exposition.series("sitrep_commands_total") == expected)
    }

    @Test func everyStoredTimelineRowIsCountedAndEveryCommitTimed() async throws {
        let prometheus = PrometheusMetrics()
        try await H.run(metrics: prometheus.metrics) { h async throws in
            await h.say("!declare sev2 Replica lag", by: H.carol, in: "#ops")
            for line in 1...25 { await h.say("looking at graph \(line)", by: H.bob, in: "#inc-1", at: Int64(line)) }
            await h.say("!ack", by: H.bob, in: "#inc-1", at: 30)
            await h.say("!note failover started", by: H.bob, in: "#inc-1", at: 31)
            await h.say("!resolve nope", by: H.mallory, in: "#inc-1", at: 32)
            let rows = try await h.timeline(1).count
            let exposition = try await scrape(prometheus)
            #expect(rows > 25 + 3, "chat lines, commands, replies and lifecycle entries are all on the timeline")
            #expect(exposition.types["sitrep_timeline_lines_recorded_total"] == "counter")
            #expect(exposition.value("sitrep_timeline_lines_recorded_total") == Double(rows))

            let commit = "sitrep_store_commit_duration_seconds"
            #expect(exposition.types[commit] == "histogram")
            #expect(exposition.value(commit + "_count", ["operation": "declare"]) == 1)
            #expect(exposition.value(commit + "_count", ["operation": "lifecycle"]) == 2, "ack and note")
            let appends = try #require(exposition.value(commit + "_count", ["operation": "timeline"]))
            #expect(appends >= 1 && appends <= Double(rows), "lines go in batches")
            for operation in ["declare", "lifecycle", "timeline"] {
                let labels = ["operation": operation]
                #expect(exposition.bucket(commit, labels, le: .infinity) == exposition.value(commit + "_count", labels))
                #expect((exposition.value(commit + "_sum", labels) ?? -1) > 0)
            }
        }
    }

    @Test func aTimerFiredLateRecordsHowLateByKind() async throws {
        let prometheus = PrometheusMetrics()
        try await H.run(settings: Self.timerSettings, metrics: prometheus.metrics) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            let tier1 = try #require(h.timers.timers(of: 1).first { $0.id.key == "tier-1" })
            #expect(tier1.due == H.at(60))
            await h.coordinator.timerFired(tier1, at: H.at(75))
            await h.coordinator.timerFired(tier1, at: H.at(80))
            try await h.settle()
        }
        let exposition = try await scrape(prometheus)
        let lateness = "sitrep_timer_lateness_seconds"
        let escalation = ["kind": "escalation"]
        #expect(exposition.types[lateness] == "histogram")
        #expect(exposition.series(lateness + "_count") == [escalation: 1], "fired once; the second delivery is moot")
        #expect(exposition.value(lateness + "_sum", escalation) == 15)
        #expect(exposition.bucket(lateness, escalation, le: 10) == 0)
        #expect(exposition.bucket(lateness, escalation, le: 30) == 1)
        #expect(
            exposition.value("sitrep_store_commit_duration_seconds_count", ["operation": "lifecycle"]) == 1,
            "the firing is a lifecycle commit")
    }

    @Test func openIncidentsAreCountedBySeverityAndStateAtScrapeTime() async throws {
        let prometheus = PrometheusMetrics()
        try await H.run(metrics: prometheus.metrics) { h async throws in
            prometheus.sampleOnScrape { await h.coordinator.sampleOpenIncidents() }
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            await h.say("!declare sev3 Slow search", by: H.carol, in: "#ops")
            await h.say("!mitigated rolled back", by: H.bob, in: "#inc-1")
            var open = try await scrape(prometheus).series("sitrep_open_incidents")
            #expect(open.count == 16, "4 severities x 4 open states, each exposed")
            #expect(open.filter { $0.value != 0 } == [
                ["severity": "sev1", "state": "mitigated"]: 1, ["severity": "sev3", "state": "investigating"]: 1,
            ])
            await h.say("!cancel duplicate of INC-1", by: H.alice, in: "#inc-2")
            open = try await scrape(prometheus).series("sitrep_open_incidents")
            #expect(open[["severity": "sev3", "state": "investigating"]] == 0, "a cancelled incident drops to 0")
            #expect(open.filter { $0.value != 0 } == [["severity": "sev1", "state": "mitigated"]: 1])
        }
        #expect(try await scrape(prometheus).types["sitrep_open_incidents"] == "gauge")
    }

    @Test func alertsAreCountedBySourceAndStatus() async throws {
        let prometheus = PrometheusMetrics()
        try await H.run(metrics: prometheus.metrics) { h async throws in
            func notice(_ source: String, _ fingerprint: String, _ status: AlertStatus) -> AlertNotice {
                AlertNotice(source: source, fingerprint: fingerprint, status: status, labels: ["alertname": "Disk"])
            }
            _ = try await h.coordinator.receiveAlerts([notice("alertmanager", "a1", .firing)])
            _ = try await h.coordinator.receiveAlerts([
                notice("alertmanager", "a1", .firing), notice("alertmanager", "a1", .resolved),
                notice("my-cron-\u{1F525}", "c1", .firing),
            ])
        }
        let exposition = try await scrape(prometheus)
        #expect(exposition.types["sitrep_alerts_received_total"] == "counter")
        #expect(exposition.series("sitrep_alerts_received_total") == [
            ["source": "alertmanager", "status": "firing"]: 2, ["source": "alertmanager", "status": "resolved"]: 1,
            ["source": "generic", "status": "firing"]: 1,
        ], "a generic hook's free-text source never becomes a label value")
    }
}
