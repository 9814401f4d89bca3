import Foundation
import SitrepApp
import SitrepCore
import SitrepTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Monitoring raises an incident with nobody typing: Alertmanager's webhook payload, posted over real HTTP to the
/// running sitrep, declares an incident whose channel, topic and announcement a person sees on a real IRC server;
/// the alert's resolution lands on the incident's timeline and in its channel.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct AlertEndToEndTests {
    static let token = "e2e-alert-token"

    @Test func anAlertmanagerCriticalAlertDeclaresAnIncidentThatPeopleSeeOnIRC() async throws {
        let servers = try IRCTestServers.require()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-alert-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = BotConfiguration.unique("#inc") + "-"
        let announce = BotConfiguration.unique("#announce")
        var config = RunningApp.config(servers: servers, folder: folder, prefix: prefix, announce: announce)
        let port = try FreePort.pick()
        config.web = SitrepConfig.Web(host: "127.0.0.1", port: port)
        config.alerts = SitrepConfig.Alerts(
            token: Secret(Self.token),
            policy: AlertPolicy(rules: [AlertRule(match: ["severity": ["critical"]], action: .declare)]))
        let carol = try await ScriptedIRCUser.loggedIn("carol", servers: servers)
        try await carol.join(announce)
        let botNick = try #require(config.irc?.nick)
        try await RunningApp.with(config) { app in
            _ = try await carol.waitForLine(timeout: .seconds(20), "bot joins the announce channel") {
                $0.command == "JOIN" && $0.sourceNick == botNick
            }
            let firing = try await Self.post(Self.payload(status: "firing"), port: port)
            #expect(firing.status == 200, "hook answered \(firing.status): \(firing.body)")

            let channel = prefix + "1"
            let announcement = try await carol.waitForLine(timeout: .seconds(15), "announcement of the incident") {
                $0.command == "NOTICE" && $0.params.first?.lowercased() == announce.lowercased()
                    && $0.params.last?.contains(channel) == true
            }
            #expect(announcement.params.last?.contains("Checkout error rate above 5%") == true)
            try await carol.join(channel)
            let topic = try await carol.waitForLine(timeout: .seconds(10), "topic of the new channel") {
                $0.command == "332" || $0.command == "TOPIC"
            }
            #expect(topic.params.last == "[SEV1 · investigating · lead: none] Checkout error rate above 5%")

            let resolved = try await Self.post(Self.payload(status: "resolved"), port: port)
            #expect(resolved.status == 200)
            _ = try await carol.waitForLine(timeout: .seconds(15), "the resolution said in the incident channel") {
                $0.command == "NOTICE" && $0.params.first?.lowercased() == channel.lowercased()
                    && $0.params.last?.contains("resolved") == true
            }

            try await app.parts.writer.drain()
            let incident = try #require(try await app.parts.store.incident(id: 1))
            #expect(incident.severity == .sev1)
            #expect(incident.declaredBy.nick == "alertmanager")
            #expect(incident.channel.name.lowercased() == channel.lowercased())
            let timeline = try await app.parts.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            #expect(timeline.filter { $0.kind == .alert }.count >= 2, "the firing alert and its resolution")
            let unauthorised = try await Self.post(Self.payload(status: "firing"), port: port, token: "wrong")
            #expect(unauthorised.status == 401)
            #expect(try await app.parts.store.incident(id: 2) == nil, "a refused request declares nothing")
        }
        await carol.quit()
    }

    /// Alertmanager's version 4 webhook body for one alert.
    static func payload(status: String) -> String {
        let ends = status == "resolved" ? "2026-11-22T18:20:00Z" : "0001-01-01T00:00:00Z"
        return """
            {"receiver":"sitrep","status":"\(status)","alerts":[{"status":"\(status)",
            "labels":{"alertname":"HighErrorRate","service":"checkout","severity":"critical"},
            "annotations":{"summary":"Checkout error rate above 5%"},
            "startsAt":"2026-11-22T18:03:41.123Z","endsAt":"\(ends)",
            "generatorURL":"http://prometheus.example.org:9090/graph","fingerprint":"e232b6eec4e1796f"}],
            "groupLabels":{"alertname":"HighErrorRate"},"commonLabels":{"alertname":"HighErrorRate"},
            "commonAnnotations":{},"externalURL":"http://alertmanager.example.org:9093","version":"4",
            "groupKey":"{}:{alertname=\\"HighErrorRate\\"}","truncatedAlerts":0}
            """
    }

    /// POSTs `body` to the hook at `path`, `attempts` times at most while the connection is refused or cut.
    static func post(
        _ body: String, port: Int, token: String = token, path: String = "/hooks/alertmanager", attempts: Int = 50
    ) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = Data(body.utf8)
        // The server may still be binding right after start: retry a refused connection for a few seconds.
        var lastError: (any Error)?
        for _ in 0..<attempts {
            do {
                let (data, response) = try await URLSession.shared.data(for: request)
                return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw lastError!
    }
}

