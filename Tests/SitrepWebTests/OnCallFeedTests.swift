import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OnCall
import SitrepApp
import SitrepCore
import SitrepWeb
import Testing

/// `GET /oncall/<name>.ics` through the composition root: schedules from the config, overrides from the store,
/// the feed token from the config, and public feeds.
@Suite struct OnCallFeedTests {
    /// Monday 2026-12-07 12:00 UTC.
    static let now = Timestamp(milliseconds: 1_796_644_800_000)
    static let token = "feed-token-0123456789abcdef"

    static func config(directory: URL) -> SitrepConfig {
        let layer = OnCallLayer(
            name: "weekly", people: [.account("alice"), .account("bob")], interval: HandoffInterval("1w")!,
            start: WallClock(date: LocalDate("2026-12-07")!, time: TimeOfDay("09:00")!))
        let schedules = SitrepConfig.Schedules(
            byName: [
                "ops": OnCallSchedule(name: "ops", zone: TimeZone(identifier: "Europe/Berlin")!, layers: [layer]),
                "open": OnCallSchedule(name: "open", zone: TimeZone(identifier: "UTC")!, layers: [layer]),
            ],
            publicFeeds: ["open"])
        var web = SitrepConfig.Web()
        web.onCallToken = Secret(token)
        return SitrepConfig(
            irc: .init(host: "127.0.0.1", nick: "sitrep"),
            store: .init(sqlitePath: directory.appendingPathComponent("sitrep.sqlite").path),
            web: web, schedules: schedules)
    }

    @Test func feedsNeedTheTokenUnlessPublicAndCarryTheStoredOverrides() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-oncall-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let parts = try SitrepApplication.makeParts(
            config: Self.config(directory: directory), logger: logger, clock: { Self.now })
        _ = try await parts.store.addOnCallOverride(
            OnCallOverride(
                schedule: "ops", person: .account("carol"), start: Self.now, end: Self.now.adding(.seconds(7200)),
                createdBy: .account("alice"), createdAt: Self.now))
        let server = WebServer(configuration: .init(host: "127.0.0.1", port: 0), routes: parts.webRoutes, logger: logger)
        let app = Application(router: server.makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.router) { client in
            let refused = try await client.execute(uri: "/oncall/ops.ics", method: .get)
            #expect(refused.status == .unauthorized)
            let wrong = try await client.execute(uri: "/oncall/ops.ics?token=feed-token-0123456789abcdeX", method: .get)
            #expect(wrong.status == .unauthorized)

            let feed = try await client.execute(uri: "/oncall/ops.ics?token=\(Self.token)", method: .get)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(feed.headers[.cacheControl] == "no-store, private")
            let text = String(buffer: feed.body)
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
            // alice's week from 08:00Z, cut by carol's override 12:00Z-14:00Z, then alice again.
            #expect(text.contains("DTSTART:20261207T120000Z\r\nDTEND:20261207T140000Z\r\nSUMMARY:On call: carol (ops)\r\n"))
            #expect(text.contains("DTSTART:20261207T140000Z\r\nDTEND:20261214T080000Z\r\nSUMMARY:On call: alice (ops)\r\n"))

            let bearer = try await client.execute(
                uri: "/oncall/ops.ics", method: .get, headers: [.authorization: "Bearer \(Self.token)"])
            #expect(bearer.status == .ok)
            let open = try await client.execute(uri: "/oncall/open.ics", method: .get)
            #expect(open.status == .ok)
            #expect(String(buffer: open.body).contains("SUMMARY:On call: alice (open)\r\n"))
            let unknown = try await client.execute(uri: "/oncall/nope.ics?token=\(Self.token)", method: .get)
            #expect(unknown.status == .notFound)
            let notICS = try await client.execute(uri: "/oncall/ops.json?token=\(Self.token)", method: .get)
            #expect(notICS.status == .notFound)
        }
    }
}
