import Hummingbird
import HummingbirdTesting
import Logging
import SitrepApp
import SitrepWeb
import Synchronization
import Testing

@Suite struct MetricsEndpointTests {
    /// `/metrics` over a real loopback socket: Prometheus text with its content type, rendered afresh at each
    /// scrape (samplers included).
    @Test func metricsAreServedAsPrometheusTextRenderedAtEachScrape() async throws {
        let prometheus = PrometheusMetrics()
        let scrapes = Atomic(0)
        prometheus.sampleOnScrape {
            let scrape = scrapes.add(1, ordering: .relaxed).newValue
            prometheus.metrics.connection(outboundQueueDepth: scrape * 10, isConnected: true)
        }
        prometheus.metrics.alertReceived(source: "alertmanager", status: "firing")
        let server = WebServer(
            configuration: .init(host: "127.0.0.1", port: 0), routes: [prometheus.routes], logger: Logger(label: "test"))
        let app = Application(router: server.makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let lines = String(buffer: response.body).split(separator: "\n")
                #expect(lines.contains("# TYPE sitrep_alerts_received_total counter"))
                #expect(lines.contains(#"sitrep_alerts_received_total{source="alertmanager",status="firing"} 1"#))
                #expect(lines.contains("sitrep_irc_outbound_queue_depth 10.0"))
            }
            prometheus.metrics.alertReceived(source: "alertmanager", status: "firing")
            try await client.execute(uri: "/metrics", method: .get) { response in
                let lines = String(buffer: response.body).split(separator: "\n")
                #expect(lines.contains(#"sitrep_alerts_received_total{source="alertmanager",status="firing"} 2"#))
                #expect(lines.contains("sitrep_irc_outbound_queue_depth 20.0"))
            }
        }
    }
}
