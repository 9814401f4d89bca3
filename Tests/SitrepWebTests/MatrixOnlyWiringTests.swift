import Foundation
import Hummingbird
import HummingbirdTesting
import IncidentRuntime
import Logging
import SQLiteStore
import SitrepApp
import SitrepCore
import SitrepWeb
import Testing

/// A sitrep on Matrix alone (no `irc:`): no IRC client is built, `/readyz` waits for the homeserver by name, and
/// `/metrics` reports the Matrix connection and no IRC gauges.
@Suite struct MatrixOnlyWiringTests {
    private let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func withoutIRCTheAppWaitsForMatrixAndReportsIt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-matrix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = SitrepConfig(
            store: SitrepConfig.Store(sqlitePath: directory.appendingPathComponent("sitrep.sqlite").path),
            web: SitrepConfig.Web(title: "Matrix only"),
            // A homeserver nobody answers on: the sync service is built but never connects here.
            matrix: SitrepConfig.Matrix(
                homeserver: "http://127.0.0.1:9", userID: "@sitrep:example.org",
                credentials: .password(Secret("unused")), deviceID: "TEST"))
        let parts = try SitrepApplication.makeParts(config: config, logger: quiet)
        defer { try? (parts.store as? SQLiteIncidentStore)?.close() }
        #expect(parts.client == nil)
        #expect(parts.matrix != nil)
        #expect(parts.services.contains { $0 is MatrixSyncService })
        #expect(parts.services.contains { $0 is HeartbeatService })
        #expect(!parts.services.contains { $0 is IRCIncidentBridge })
        let server = try #require(parts.web)
        let app = Application(router: server.makeRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == "not ready: not connected to matrix\n")
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("sitrep_matrix_connected 0"))
                #expect(!body.contains("sitrep_irc_connected"))
            }
        }
    }
}
