import SitrepCore
import Testing

@testable import SitrepApp

/// The order a pass sends in: incidents take turns, so a big incident does not hold back a small one's pages.
@Suite struct PageDispatcherTurnsTests {
    static let t0 = Timestamp(milliseconds: 1_764_000_000_000)

    static func batch(_ incidentID: Int64, claimed: [String], claiming: [String]) -> PageDispatcher.Batch {
        let incident = Incident(
            id: incidentID, title: "t", severity: .sev1, channel: ChatChannel(name: "#inc-\(incidentID)"),
            declaredBy: Participant(identity: .account("alice"), nick: "alice"), declaredAt: t0)
        func attempt(_ person: String) -> PageAttempt {
            PageAttempt(
                id: "INC-\(incidentID)/tier-1/account:\(person)/email/1", incidentID: incidentID,
                person: .account(person), method: "email", address: "\(person)@example.org", step: "tier-1",
                queuedAt: t0)
        }
        return PageDispatcher.Batch(
            incident: incident, prefix: "!", claimed: claimed.map(attempt), claiming: claiming.map(attempt))
    }

    @Test func incidentsTakeTurnsAndClaimedAttemptsGoFirstInTheirIncident() {
        let turns = PageDispatcher.takingTurns([
            Self.batch(1, claimed: ["a"], claiming: ["b", "c", "d"]),
            Self.batch(2, claimed: [], claiming: ["x"]),
            Self.batch(3, claimed: [], claiming: ["y", "z"]),
        ])
        #expect(turns.map { "\($0.1.incidentID)\($0.1.person.name)" } == ["1a", "2x", "3y", "1b", "3z", "1c", "1d"])
        #expect(turns.map(\.2) == [true, false, false, false, false, false, false])
    }

    @Test func nothingToSendIsNothing() {
        #expect(PageDispatcher.takingTurns([]).isEmpty)
        #expect(PageDispatcher.takingTurns([Self.batch(1, claimed: [], claiming: [])]).isEmpty)
    }
}
