import Foundation
import Hummingbird
import SitrepCore
import SitrepWeb
import Testing

/// Both sides of the line between public and internal, over a real socket: transcript lines and notes never
/// reach a public response; with the token they do; without it, or with a wrong one, the answer is 401.
@Suite struct InternalBoundaryTests {
    /// Every public page and document, including error pages.
    static let publicPaths = [
        "/", "/incidents/1", "/incidents/2", "/incidents/3", "/incidents/4", "/incidents/99", "/api/incidents",
        "/api/incidents/1", "/api/incidents/2", "/api/incidents/3", "/api/incidents/4", "/api/incidents/99",
    ]

    @Test func noTranscriptLineOrNoteReachesAnyPublicResponse() async throws {
        try await SeededStore.serve { server, _ in
            for path in Self.publicPaths {
                let (_, _, body) = try await server.get(path)
                for marker in SeededStore.internalMarkers {
                    #expect(!body.contains(marker), "\(marker) leaked into \(path)")
                }
            }
        }
    }

    @Test func theTokenShowsTheWholeTranscript() async throws {
        try await SeededStore.serve { server, _ in
            let (status, headers, page) = try await server.getInternal("/incidents/2/timeline")
            #expect(status == .ok)
            #expect(headers[.cacheControl] == "no-store, private")
            for marker in SeededStore.internalMarkers.prefix(6) {
                #expect(page.contains(marker), "\(marker) is on the internal timeline")
            }
            #expect(page.contains("&lt;script&gt;"), "escaped here too")
            #expect(!page.contains("<script"))

            let (jsonStatus, json) = try await server.json(
                "/api/incidents/2/timeline", headers: [.authorization: "Bearer \(LiveWebServer.token)"])
            #expect(jsonStatus == .ok)
            let entries = try #require(json["entries"] as? [[String: Any]])
            let kinds = Set(entries.compactMap { $0["kind"] as? String })
            #expect(kinds.isSuperset(of: ["message", "notice", "action", "topic", "part", "note", "lifecycle", "update"]))
            #expect(Set(entries[0].keys) == ["sequence", "time", "kind", "author", "account", "text", "detail", "key_event"])
            #expect(entries.map { $0["sequence"] as? Int } == (1...entries.count).map { $0 })
            #expect(json["truncated"] as? Bool == false)

            let review = try await server.getInternal("/incidents/3/review")
            #expect(review.status == .ok)
            #expect(review.body.contains("FACTORMARK6e1a") && review.body.contains("LESSONMARK4b2c"), "the review draft")
        }
    }

    @Test func basicAuthWithTheTokenAsPasswordLetsABrowserIn() async throws {
        try await SeededStore.serve { server, _ in
            let good = Data("anyone:\(LiveWebServer.token)".utf8).base64EncodedString()
            let (status, _, body) = try await server.get("/incidents/2/timeline", headers: [.authorization: "Basic \(good)"])
            #expect(status == .ok)
            #expect(body.contains("MSGMARK7f3a"))
            let wrong = Data("\(LiveWebServer.token):nope".utf8).base64EncodedString()
            #expect(try await server.get("/incidents/2/timeline", headers: [.authorization: "Basic \(wrong)"]).status == .unauthorized)
        }
    }

    @Test(arguments: ["/incidents/2/timeline", "/incidents/3/review", "/api/incidents/2/timeline"])
    func withoutTheTokenTheAnswerIs401WithAChallenge(path: String) async throws {
        try await SeededStore.serve { server, _ in
            let (status, headers, body) = try await server.get(path)
            #expect(status == .unauthorized)
            #expect(headers[values: .wwwAuthenticate].contains { $0.hasPrefix("Basic realm=") })
            #expect(headers[values: .wwwAuthenticate].contains { $0.hasPrefix("Bearer realm=") })
            for marker in SeededStore.internalMarkers { #expect(!body.contains(marker)) }

            let wrong = try await server.getInternal(path, token: LiveWebServer.token + "x")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("that token is not valid"))
            for marker in SeededStore.internalMarkers { #expect(!wrong.body.contains(marker)) }
            let prefix = try await server.getInternal(path, token: String(LiveWebServer.token.dropLast()))
            #expect(prefix.status == .unauthorized, "a prefix of the token is not the token")
        }
    }

    @Test func unauthorizedJSONSaysWhyInTheBody() async throws {
        try await SeededStore.serve { server, _ in
            let (status, body) = try await server.json("/api/incidents/2/timeline")
            #expect(status == .unauthorized)
            #expect(body["error"] as? String == "unauthorized")
        }
    }

    @Test func withoutAConfiguredTokenTheInternalViewsAreOff() async throws {
        let seeded = try await SeededStore.make()
        defer { seeded.remove() }
        let configuration = WebServerConfiguration(host: "127.0.0.1", port: 0, internalToken: nil)
        try await LiveWebServer.run(source: seeded.source, configuration: configuration) { server in
            let (status, _, body) = try await server.getInternal("/incidents/2/timeline")
            #expect(status == .forbidden)
            #expect(body.contains("web.internal_token_env"))
            #expect(!body.contains("MSGMARK7f3a"))
        }
    }

    @Test func aBadLimitIs400AndASmallOneTruncates() async throws {
        try await SeededStore.serve { server, _ in
            for limit in ["0", "abc", "100001"] {
                #expect(try await server.getInternal("/api/incidents/2/timeline?limit=\(limit)").status == .badRequest)
            }
            let (_, json) = try await server.json(
                "/api/incidents/2/timeline?limit=2", headers: [.authorization: "Bearer \(LiveWebServer.token)"])
            #expect((json["entries"] as? [Any])?.count == 2)
            #expect(json["truncated"] as? Bool == true)
        }
    }
}
