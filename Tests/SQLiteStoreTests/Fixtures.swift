import SitrepCore

/// Values the contract tests build incidents and timelines from.
enum Fixtures {
    static let alice = Participant(identity: .account("alice"), nick: "Alice")
    static let bob = Participant(identity: .nick("bob_", network: "libera"), nick: "bob_")
    static let carol = Participant(identity: .account("carol", network: "matrix"), nick: "Carol")
    static let start = Timestamp(milliseconds: 1_795_000_000_123)

    /// A minimal incident run in `#inc-N`.
    static func incident(_ id: Int64, title: String = "api down") -> Incident {
        Incident(
            id: id,
            title: title,
            severity: .sev2,
            channel: ChatChannel(name: "#inc-\(id)"),
            declaredBy: alice,
            declaredAt: start
        )
    }

    /// An incident with every optional field set.
    static func fullyPopulated(_ id: Int64) -> Incident {
        var incident = incident(id, title: "checkout 502s — “EU” 🔥")
        incident.priority = .p1
        incident.category = "network/dns"
        incident.services = ["checkout", "payments", "édge"]
        incident.state = .resolved
        incident.lead = bob
        incident.roles = ["commander": bob, "comms": carol, "scribe": alice]
        incident.acknowledgedAt = start.adding(.seconds(30))
        incident.acknowledgedBy = bob
        incident.mitigatedAt = start.adding(.seconds(600))
        incident.resolvedAt = start.adding(.seconds(1200))
        incident.closedAt = start.adding(.seconds(86_400))
        incident.rootCause = "expired certificate\non the LB"
        incident.resolution = "rotated the certificate"
        incident.publicStatus = "Checkout is working again."
        incident.publicStatusAt = start.adding(.seconds(1300))
        incident.escalationLevel = 2
        incident.lastEscalatedAt = start.adding(.seconds(20))
        incident.snoozedUntil = start.adding(.seconds(900))
        incident.leadLastSpokeAt = start.adding(.seconds(1250))
        return incident
    }

    /// A timer of `incidentID` due `offset` seconds after `start`.
    static func timer(
        _ incidentID: Int64,
        _ kind: IncidentTimer.Kind,
        _ key: String,
        dueIn offset: Int64,
        text: String? = nil
    ) -> IncidentTimer {
        IncidentTimer(incidentID: incidentID, kind: kind, key: key, due: start.adding(.seconds(offset)), text: text)
    }

    static func line(
        _ incidentID: Int64,
        _ text: String,
        author: String = "Alice",
        kind: TimelineEntry.Kind = .message,
        at offset: Int64 = 0
    ) -> TimelineEntry {
        TimelineEntry(
            incidentID: incidentID,
            sequence: 999,
            time: start.adding(.milliseconds(offset)),
            kind: kind,
            author: author,
            account: author.lowercased(),
            text: text
        )
    }

    /// Declares `count` incidents with no entries; returns their ids.
    @discardableResult
    static func declare(_ count: Int, in store: any IncidentStore) async throws -> [Int64] {
        var ids: [Int64] = []
        for _ in 0..<count {
            ids.append(try await store.declare({ incident($0) }, entries: { _ in [] }).id)
        }
        return ids
    }
}
