import Hummingbird
import HummingbirdTesting
import SitrepCore
import SitrepWeb
import Testing

/// The public pages over a real socket and a real store filled through the chat path (see `SeededStore`).
@Suite struct StatusPageTests {
    @Test func statusPageListsOpenIncidentsWorstFirstThenTheRecentlyResolved() async throws {
        try await SeededStore.serve { server, _ in
            let (status, headers, body) = try await server.get("/")
            #expect(status == .ok)
            #expect(headers[.contentType] == "text/html; charset=utf-8")
            let open = try #require(body.range(of: "<h1>Open incidents</h1>"))
            let resolved = try #require(body.range(of: "<h1>Resolved in the last 7 days</h1>"))
            let checkout = try #require(body.range(of: "INC-2 · "))
            let login = try #require(body.range(of: "INC-4 · Login errors"))
            let search = try #require(body.range(of: "INC-3 · Search slow"))
            #expect(open.upperBound < checkout.lowerBound && checkout.upperBound < login.lowerBound, "SEV1 first")
            #expect(login.upperBound < resolved.lowerBound && resolved.upperBound < search.lowerBound)
            #expect(!body.contains("INC-1 "), "resolved 30 days ago: outside the window")
            #expect(body.contains("Checkout is degraded; a fix is rolling out"), "the latest public update")
            #expect(body.contains(#"<span class="sev sev1">SEV1</span> <span class="state mitigated">mitigated</span>"#))
            #expect(body.contains("lead: alice"))
            #expect(body.contains("open for 1h"))
            #expect(body.contains("No update posted yet."), "INC-4 has none")
            #expect(body.contains(#"<meta http-equiv="refresh" content="30">"#))
            #expect(body.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
            #expect(body.contains("<title>Example status</title>"))
        }
    }

    @Test func theSummaryLineSaysHowManyAreOpenAndTheWorstSeverity() async throws {
        try await SeededStore.serve { server, _ in
            let (_, _, body) = try await server.get("/")
            #expect(body.contains(#"<p class="summary">2 open incidents, worst SEV1</p>"#))
            let (_, json) = try await server.json("/api/incidents")
            #expect(json["summary"] as? String == "2 open incidents, worst SEV1")
        }
    }

    /// `web.publish: on_update`: nothing public before the first update; no people, no review.
    @Test func onUpdateShowsOnlyIncidentsWithAnUpdateAndNeitherPeopleNorReview() async throws {
        let seeded = try await SeededStore.make()
        defer { seeded.remove() }
        let configuration = WebServerConfiguration(host: "127.0.0.1", port: 0, title: "Example status", publish: .onUpdate)
        try await LiveWebServer.run(source: seeded.source, configuration: configuration) { server in
            let (_, _, board) = try await server.get("/")
            #expect(board.contains("INC-2 · ") && board.contains("INC-3 · Search slow"))
            #expect(!board.contains("INC-4"), "declared, no update yet")
            #expect(board.contains(#"<p class="summary">1 open incident, SEV1</p>"#))
            #expect(!board.contains("lead: alice"))
            #expect(try await server.get("/incidents/4").status == .notFound)
            let (status, _, closed) = try await server.get("/incidents/3")
            #expect(status == .ok && closed.contains("Search is slow for some users"))
            #expect(!closed.contains("runaway reindex job") && !closed.contains("Review summary"))
        }
    }

    @Test func refreshZeroMeansThePageNeverReloadsItself() async throws {
        let seeded = try await SeededStore.make()
        defer { seeded.remove() }
        let configuration = WebServerConfiguration(host: "127.0.0.1", port: 0, refreshSeconds: 0)
        try await LiveWebServer.run(source: seeded.source, configuration: configuration) { server in
            for path in ["/", "/incidents/2"] {
                let (status, _, body) = try await server.get(path)
                #expect(status == .ok)
                #expect(!body.contains("http-equiv"), "\(path)")
                #expect(!body.contains("refreshes every"), "\(path)")
            }
        }
    }

    @Test func userTextIsEscapedNeverMarkup() async throws {
        try await SeededStore.serve { server, _ in
            for path in ["/", "/incidents/2"] {
                let (_, headers, body) = try await server.get(path)
                #expect(body.contains("&lt;script&gt;alert(1)&lt;/script&gt; Checkout down"), "\(path)")
                #expect(!body.contains("<script"), "\(path) carries no script at all")
                #expect(headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
                #expect(headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test func openIncidentPageShowsItsHistoryAndUpdatesButNoReview() async throws {
        try await SeededStore.serve { server, _ in
            let (status, _, body) = try await server.get("/incidents/2")
            #expect(status == .ok)
            for text in [
                "declared SEV1: &lt;script&gt;", "bob acknowledged", "lead: none -&gt; alice",
                "state: investigating -&gt; mitigated (rolled back to 511)",
                "Checkout is degraded; a fix is rolling out", "2025-11-24 16:03 UTC",
            ] {
                #expect(body.contains(text), "\(text)")
            }
            #expect(!body.contains("Review summary"), "no review before closure")
            #expect(body.contains(#"http-equiv="refresh""#), "a live incident refreshes")
        }
    }

    @Test func closedIncidentPageShowsTheReviewSummary() async throws {
        try await SeededStore.serve { server, _ in
            let (status, _, body) = try await server.get("/incidents/3")
            #expect(status == .ok)
            #expect(body.contains("<h2>Review summary</h2>"))
            #expect(body.contains("<dt>Time to acknowledge</dt><dd>1m 30s</dd>"))
            #expect(body.contains("<dt>Root cause</dt><dd>runaway reindex job</dd>"))
            #expect(body.contains("<dt>Resolution</dt><dd>reindexed</dd>"))
            #expect(body.contains("Search is slow for some users"))
            #expect(!body.contains(#"http-equiv="refresh""#), "a closed incident does not refresh")
        }
    }

    @Test func unknownAndMalformedIDsAnswer404And400() async throws {
        try await SeededStore.serve { server, _ in
            let (missing, _, page) = try await server.get("/incidents/99")
            #expect(missing == .notFound)
            #expect(page.contains("there is no incident 99"))
            for path in ["/incidents/abc", "/incidents/0", "/incidents/-1", "/incidents/1e3"] {
                #expect(try await server.get(path).status == .badRequest, "\(path)")
            }
            let (status, body) = try await server.json("/api/incidents/99")
            #expect(status == .notFound)
            #expect(body["error"] as? String == "not_found")
            #expect(body["reason"] as? String == "there is no incident 99")
            let (bad, reason) = try await server.json("/api/incidents/abc")
            #expect(bad == .badRequest)
            #expect(reason["error"] as? String == "bad_request")
            #expect((reason["reason"] as? String)?.contains("positive whole number") == true)
        }
    }

    @Test func healthzAndHeadAnswerWithTheStatusPageMounted() async throws {
        try await SeededStore.serve { server, _ in
            let (status, _, body) = try await server.get("/healthz")
            #expect(status == .ok)
            #expect(body == "ok\n")
            let head = try await TestClient.withClient(host: "127.0.0.1", port: server.port) { try await $0.head("/") }
            #expect(head.status == .ok, "monitors may probe with HEAD")
        }
    }
}
