import Foundation
import Hummingbird
import SitrepCore
import SitrepWeb
import Testing

/// The JSON API's documented shapes: the same keys every time (absent values are `null`), ISO 8601 UTC times.
@Suite struct APIShapeTests {
    static let incidentKeys: Set<String> = [
        "id", "title", "severity", "priority", "category", "services", "state", "lead", "declared_at",
        "acknowledged_at", "mitigated_at", "resolved_at", "closed_at", "age_seconds", "duration_seconds",
        "public_status", "public_status_at", "url", "alert_status",
    ]

    @Test func incidentListHasOpenThenRecentlyResolved() async throws {
        try await SeededStore.serve { server, _ in
            let (status, _, raw) = try await server.get("/api/incidents")
            #expect(status == .ok)
            let (_, json) = try await server.json("/api/incidents")
            #expect(Set(json.keys) == ["generated_at", "summary", "open", "recently_resolved", "recent_days"])
            #expect(json["generated_at"] as? String == SeededStore.now.description)
            #expect(json["recent_days"] as? Int == 7)
            let open = try #require(json["open"] as? [[String: Any]])
            let resolved = try #require(json["recently_resolved"] as? [[String: Any]])
            #expect(open.map { $0["id"] as? Int } == [2, 4])
            #expect(resolved.map { $0["id"] as? Int } == [3])
            for incident in open + resolved { #expect(Set(incident.keys) == Self.incidentKeys) }

            let checkout = open[0]
            #expect(checkout["title"] as? String == SeededStore.scriptTitle)
            #expect(checkout["severity"] as? String == "SEV1")
            #expect(checkout["state"] as? String == "mitigated")
            #expect(checkout["lead"] as? String == "alice")
            #expect(checkout["age_seconds"] as? Int == 3600)
            #expect(checkout["declared_at"] as? String == "2025-11-24T16:00:00.000Z")
            #expect(checkout["public_status"] as? String == "Checkout is degraded; a fix is rolling out")
            #expect(checkout["public_status_at"] as? String == "2025-11-24T16:03:20.000Z")
            #expect(checkout["resolved_at"] is NSNull, "absent values are null, not missing")
            #expect(checkout["url"] as? String == "/incidents/2")
            #expect(open[1]["lead"] is NSNull && open[1]["public_status"] is NSNull)
            #expect(resolved[0]["duration_seconds"] as? Int == 590)
            #expect(raw.hasSuffix("}\n"))
        }
    }

    @Test func incidentDocumentHasHistoryUpdatesAndReviewOnlyWhenClosed() async throws {
        try await SeededStore.serve { server, _ in
            let (status, open) = try await server.json("/api/incidents/2")
            #expect(status == .ok)
            #expect(Set(open.keys) == ["incident", "history", "updates", "review"])
            #expect(open["review"] is NSNull)
            let history = try #require(open["history"] as? [[String: Any]])
            #expect(history.map { $0["event"] as? String } == ["declared", "acknowledged", "lead", "state"])
            #expect(Set(history[0].keys) == ["time", "event", "text", "author"])
            #expect(history[1]["author"] as? String == "bob")
            let updates = try #require(open["updates"] as? [[String: Any]])
            #expect(updates.map { $0["text"] as? String } == ["Checkout is degraded; a fix is rolling out"])

            let (_, closed) = try await server.json("/api/incidents/3")
            let review = try #require(closed["review"] as? [String: Any])
            #expect(
                Set(review.keys) == [
                    "time_to_acknowledge_seconds", "time_to_mitigate_seconds", "time_to_resolve_seconds",
                    "duration_seconds", "time_in_state", "root_cause", "resolution", "follow_ups", "follow_ups_open",
                ])
            #expect(review["time_to_acknowledge_seconds"] as? Int == 90)
            #expect(review["time_to_mitigate_seconds"] is NSNull)
            #expect(review["time_to_resolve_seconds"] as? Int == 590)
            #expect(review["duration_seconds"] as? Int == 890)
            #expect(review["root_cause"] as? String == "runaway reindex job")
            #expect(review["resolution"] as? String == "reindexed")
            let states = try #require(review["time_in_state"] as? [[String: Any]])
            #expect(states.map { $0["state"] as? String } == ["investigating", "resolved"])
            #expect(states.map { $0["seconds"] as? Int } == [590, 300])
        }
    }
}
