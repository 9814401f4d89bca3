import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SQLiteStore
import SitrepApp
import SitrepCore
import SitrepWeb
import Testing

/// `SitrepApplication.makeParts` builds the web server only when `web:` is configured, over the same store the
/// bot writes, with readiness from the IRC client.
@Suite struct AppWiringTests {
    private func config(web: SitrepConfig.Web?, in directory: URL) -> SitrepConfig {
        SitrepConfig(
            irc: SitrepConfig.IRC(host: "127.0.0.1", port: 1, nick: "sitrep"),
            store: SitrepConfig.Store(sqlitePath: directory.appendingPathComponent("sitrep.sqlite").path), web: web)
    }

    private func withDirectory(_ body: (URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-wiring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory)
    }

    private let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func noWebSectionMeansNoWebServer() async throws {
        try await withDirectory { directory in
            let parts = try SitrepApplication.makeParts(config: config(web: nil, in: directory), logger: quiet)
            defer { try? (parts.store as? SQLiteIncidentStore)?.close() }
            #expect(parts.web == nil)
            #expect(
                parts.services.count == 7,
                "writer, heartbeat, out-of-chat pager, IRC client and bridge, timers, alert post flusher")
        }
    }

    @Test func webSectionAddsAServerOverTheStoreWithChatReadiness() async throws {
        try await withDirectory { directory in
            var web = SitrepConfig.Web(title: "Wired status")
            // The incident below has no update: shown at once only with `publish: immediately`.
            web.publish = .immediately
            let parts = try SitrepApplication.makeParts(config: config(web: web, in: directory), logger: quiet)
            defer { try? (parts.store as? SQLiteIncidentStore)?.close() }
            let server = try #require(parts.web)
            #expect(parts.services.count == 8)
            #expect(parts.services.last is WebServer)
            _ = try await parts.store.declare(
                { Incident(id: $0, title: "Wired incident", severity: .sev2, channel: ChatChannel(name: "#inc-\($0)"),
                    declaredBy: SeededStore.alice, declaredAt: SeededStore.now) },
                entries: { _ in [] })
            let app = Application(router: server.makeRouter())
            try await app.test(.router) { client in
                try await client.execute(uri: "/", method: .get) { response in
                    #expect(response.status == .ok)
                    let body = String(buffer: response.body)
                    #expect(body.contains("Wired incident") && body.contains("<title>Wired status</title>"))
                }
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable, "the IRC client never connected")
                    #expect(String(buffer: response.body) == "not ready: not connected to irc\n")
                }
            }
        }
    }
}
