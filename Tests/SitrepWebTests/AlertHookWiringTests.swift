import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SitrepApp
import SitrepCore
import SitrepWeb
import Testing

/// The composition root serves the hooks from the `alerts:` config and delivers to the real coordinator and store.
@Suite struct AlertHookWiringTests {
    static func config(alerts: SitrepConfig.Alerts?, directory: URL) -> SitrepConfig {
        SitrepConfig(
            irc: .init(host: "127.0.0.1", nick: "sitrep"),
            store: .init(sqlitePath: directory.appendingPathComponent("sitrep.sqlite").path),
            incidents: .init(announceChannel: "#incidents"),
            alerts: alerts
        )
    }

    @Test func makePartsServesTheHooksOnlyWhenAlertsAreConfigured() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-wiring-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let none = try SitrepApplication.makeParts(
            config: Self.config(alerts: nil, directory: directory),
            logger: logger
        )
        #expect(none.webRoutes.count == 1, "only /metrics")

        let alerts = SitrepConfig.Alerts(
            token: Secret("wiring-token"),
            policy: AlertPolicy(rules: [AlertRule(match: ["severity": ["critical"]], action: .declare)])
        )
        let parts = try SitrepApplication.makeParts(
            config: Self.config(alerts: alerts, directory: directory.appendingPathComponent("b")),
            logger: logger
        )
        #expect(parts.webRoutes.count == 2, "/metrics and the hooks")
        let server = WebServer(
            configuration: .init(host: "127.0.0.1", port: 0),
            routes: parts.webRoutes,
            logger: logger
        )
        let app = Application(
            router: server.makeRouter(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0))
        )
        let body = ByteBuffer(
            string: #"{"alerts":[{"id":"db-down","title":"Primary database down","severity":"critical"}]}"#
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await parts.writer.run() }
            try await app.test(.live) { client in
                let response = try await client.execute(
                    uri: "/hooks/generic",
                    method: .post,
                    headers: [.authorization: "Bearer wiring-token"],
                    body: body
                )
                #expect(response.status == .ok)
                let summary = try JSONDecoder().decode(AlertIntakeSummary.self, from: Data(buffer: response.body))
                #expect(summary.declared == [1] && summary.alerts == [1])
            }
            group.cancelAll()
        }
        let incident = try #require(try await parts.store.incident(id: 1))
        #expect(incident.title == "Primary database down" && incident.severity == .sev1)
        #expect(incident.declaredBy.nick == "generic")
        #expect(try await parts.store.alerts(incidentID: 1).map(\.id) == [1])
    }
}
