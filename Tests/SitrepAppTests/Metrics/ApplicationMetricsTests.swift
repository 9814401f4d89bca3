import Foundation
import Logging
import SQLiteStore
import SitrepApp
import SitrepCore
import Testing

/// `SitrepApplication.makeParts` wires the metrics: the whole bot runs against a loopback IRC server that drops
/// the first connection, and `/metrics`' renderer shows the reconnect and what is sampled at scrape time.
@Suite struct ApplicationMetricsTests {
    @Test func aRunningSitrepCountsItsReconnectAndSamplesConnectionAndIncidentsAtScrapeTime() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-metrics-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storePath = folder.appendingPathComponent("sitrep.sqlite").path
        try await Self.seedOpenIncident(at: storePath)
        let server = try await WelcomingIRCServer()
        var config = SitrepConfig(
            irc: SitrepConfig.IRC(
                host: "127.0.0.1", port: server.port, tls: SitrepConfig.TLS(enabled: false), nick: "sitrep",
                reconnect: SitrepConfig.Reconnect(initialDelay: .milliseconds(20), maxDelay: .milliseconds(50))))
        config.store = SitrepConfig.Store(sqlitePath: storePath)
        let parts = try SitrepApplication.makeParts(
            config: config, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            for service in parts.services { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            let exposition = try await Self.scrape(parts.metrics, within: .seconds(10)) {
                $0.value("sitrep_irc_reconnects_total") == 1 && $0.value("sitrep_irc_connected") == 1
            }
            #expect(server.connections == 2)
            #expect(await parts.client?.registrations == 2)
            #expect(exposition.types["sitrep_irc_reconnects_total"] == "counter")
            #expect(exposition.types["sitrep_irc_outbound_queue_depth"] == "gauge")
            #expect(exposition.value("sitrep_irc_outbound_queue_depth") == 0)
            let open = exposition.series("sitrep_open_incidents").filter { $0.value != 0 }
            #expect(open == [["severity": "sev2", "state": "investigating"]: 1])
        }
    }

    /// A SEV2 left open by an earlier run, which the coordinator reloads at start.
    static func seedOpenIncident(at path: String) async throws {
        let store = try SQLiteIncidentStore(path: path)
        let sender = Participant(identity: .account("alice"), nick: "alice")
        _ = try await store.declare(
            {
                Incident(
                    id: $0, title: "seeded", severity: .sev2, channel: ChatChannel(name: "#inc-\($0)"),
                    declaredBy: sender, declaredAt: Timestamp(milliseconds: 0))
            },
            entries: { _ in [] })
        try store.close()
    }

    /// Renders the metrics until `done` holds for them, or fails after `limit`.
    static func scrape(
        _ metrics: PrometheusMetrics, within limit: Duration, until done: (Exposition) -> Bool
    ) async throws -> Exposition {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while true {
            let exposition = try Exposition(await metrics.render())
            if done(exposition) { return exposition }
            guard ContinuousClock.now < deadline else {
                Issue.record("metrics never reached the expected state: \(exposition.samples)")
                return exposition
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
