import SitrepCore
import Testing

/// Manual `!escalate` past the policy, page texts that fit the incident's state, and the rights paging gives.
@Suite struct EscalationLimitTests {
    typealias T = TimerFixtures

    @Test func escalatingWithinThePolicyIsAllowed() {
        var incident = T.incident(.sev1)
        for level in 0..<3 {
            incident.escalationLevel = level
            #expect(TimerPlanner.escalationRefusal(for: incident, policy: T.escalationOnly) == nil, "level \(level)")
        }
    }

    @Test func escalatingPastTheLastTierAndItsRepeatsIsRefusedPlainly() {
        var incident = T.incident(.sev1)
        incident.escalationLevel = 3
        #expect(
            TimerPlanner.escalationRefusal(for: incident, policy: T.escalationOnly)
                == "INC-4 is already at its last escalation tier (tier 2, repeat 1: bob, team dba); nothing changed — "
                + "!escalate <nick or team> pages someone else")
        incident.severity = .sev3
        incident.escalationLevel = 1
        #expect(
            TimerPlanner.escalationRefusal(for: incident, policy: T.escalationOnly)?
                .hasPrefix("INC-4 is already at its last escalation tier (tier 1: team dba)") == true)
    }

    @Test func aSeverityWithoutAPolicyCannotBeEscalatedByTier() {
        var policy = T.escalationOnly
        policy.defaultEscalation = nil
        #expect(
            TimerPlanner.escalationRefusal(for: T.incident(.sev2), policy: policy)
                == "INC-4 has no escalation policy for SEV2; nothing changed — !escalate <nick or team> pages someone")
    }

    @Test func aPageAfterTheAcknowledgementSaysWhoAcknowledgedAndDoesNotAskForAnAck() {
        var incident = T.incident(.sev1)
        incident.acknowledgedAt = T.at(minutes: 3)
        incident.acknowledgedBy = Participant(identity: T.carol, nick: "carol_")
        let text = PageText.page(for: incident, why: "escalation tier 2", by: "alice", reason: "need the DBA")
        #expect(
            text == "You are paged for INC-4 [SEV1] Checkout returns 500s (escalation tier 2, by alice: need the DBA) "
                + "— acknowledged by carol_; join #inc-4 to help")
        #expect(!text.contains("!ack"))
    }

    @Test func anUnacknowledgedPageAsksToJoinAndAck() {
        #expect(
            PageText.page(for: T.incident(.sev1), why: nil, by: "alice", reason: nil)
                == "You are paged for INC-4 [SEV1] Checkout returns 500s (by alice) — join #inc-4 and !ack")
    }

    @Test func whoEscalatesIsNotPagedThemselves() {
        var incident = T.incident(.sev1)
        incident.escalationLevel = 2
        let lead = Participant(identity: T.bob, nick: "bob")
        let pages = TimerPlanner.pages(forLevel: 2, incident: incident, policy: T.escalationOnly, escalatedBy: lead)
        #expect(pages.map(\.person) == [T.dave])
        #expect(pages.first?.text.contains("(escalation tier 2, by bob)") == true)
    }

    @Test func everyonePagedSoFarIsListedOnce() {
        var incident = T.incident(.sev1)
        #expect(TimerPlanner.pagedPeople(of: incident, policy: T.escalationOnly).isEmpty)
        incident.escalationLevel = 1
        #expect(TimerPlanner.pagedPeople(of: incident, policy: T.escalationOnly) == [T.alice])
        incident.escalationLevel = 3
        #expect(TimerPlanner.pagedPeople(of: incident, policy: T.escalationOnly) == [T.alice, T.bob, T.dave])
    }

    @Test func aPagedPersonIsAResponderInThatIncidentOnly() {
        let permissions = Permissions(commanders: [T.alice], responders: [T.carol])
        let dave = Participant(identity: T.dave, nick: "dave")
        let incident = T.incident(.sev1)
        #expect(permissions.rights(for: dave, in: incident) == .stakeholder)
        let paged = permissions.rights(for: dave, in: incident, paged: [T.dave])
        #expect(paged == Rights(level: .responder, basis: .paged))
        #expect(paged.description == "responder (paged for this incident)")
        #expect(permissions.rights(for: dave, paged: [T.dave]) == .stakeholder, "no incident, no paged rights")
        let nickOnly = Participant(identity: .nick("dave"), nick: "dave")
        #expect(
            permissions.rights(for: nickOnly, in: incident, paged: [.nick("dave")]).level == .stakeholder,
            "rights need an account unless nick identities are allowed")
    }

    @Test func pagingTextsAreOneLine() {
        #expect(PageText.pagingSuffix(["bob", "da\r\nve"]) == " — paging bob, da ve")
        #expect(PageText.pagingSuffix([]) == " — nobody to page")
        #expect(
            PageText.undeliverable("bob", network: "irc", next: "paging the next tier now: carol")
                == "bob is not on IRC; the page was not delivered — paging the next tier now: carol")
    }
}
