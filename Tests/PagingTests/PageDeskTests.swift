import Paging
import SitrepCore
import Testing

/// `PageDesk`: the coordinator's chat-paging decisions. A "no such nick" answer is traced to its page and moves
/// the escalation on only when nobody of the round can be reached any other way; an acknowledgement marks the
/// acknowledger's reached attempts except one whose link is being used; a link is used once at a time.
@Suite struct PageDeskTests {
    static let t0 = Timestamp(milliseconds: 1_764_000_000_000)
    static func at(_ seconds: Int64) -> Timestamp { t0.adding(.seconds(seconds)) }
    static let bob = ChatIdentity.account("bob")
    static let dave = ChatIdentity.account("dave")
    static let nextTier = IncidentTimer(incidentID: 4, kind: .escalation, key: "tier-2", due: at(300), text: "tier 2: ops")

    static func incident(acknowledged: Bool = false) -> Incident {
        var incident = Incident(
            id: 4, title: "Orders database down", severity: .sev1, channel: ChatChannel(name: "#inc-4"),
            declaredBy: Participant(identity: .account("alice"), nick: "alice"), declaredAt: t0)
        incident.escalationLevel = 1
        if acknowledged { incident.acknowledgedAt = at(1) }
        return incident
    }

    /// A desk that paged bob (attempt `a-bob`) and, when given, dave at tier 1 (or outside the tiers: `level` nil).
    static func desk(alsoDave: Bool = false, level: Int? = 1) -> PageDesk {
        var desk = PageDesk()
        var recipients = [PageDeliveries.Recipient(person: bob, key: "bob", attemptID: "a-bob")]
        if alsoDave { recipients.append(PageDeliveries.Recipient(person: dave, key: "dave", attemptID: nil)) }
        desk.pagesSent(incidentID: 4, level: level, to: recipients, at: at(0))
        return desk
    }

    static func undeliverable(
        _ desk: inout PageDesk, _ key: String, at seconds: Int64 = 2, incident: Incident = incident(),
        emailFor: Set<String> = [], pending: [IncidentTimer] = [nextTier]
    ) -> PageDesk.Undelivered? {
        desk.undeliverable(
            key: key, at: at(seconds), incident: { $0 == 4 ? incident : nil },
            otherMethods: { emailFor.contains($0.name) ? [.email] : [] }, pendingTimers: { _ in pending },
            network: { _ in "irc" }
        )?.plan
    }

    @Test func nobodyOfTheRoundReachedFiresTheNextTierNow() {
        var desk = Self.desk()
        let plan = Self.undeliverable(&desk, "bob")
        #expect(plan?.attemptToFail == "a-bob")
        #expect(plan?.fireNow == Self.nextTier)
        #expect(plan?.line == "bob is not on IRC; the page was not delivered — paging the next tier now: tier 2: ops")
    }

    @Test func someoneOfTheRoundStillReachableLetsTheTierWait() {
        var desk = Self.desk(alsoDave: true)
        let plan = Self.undeliverable(&desk, "bob")
        #expect(plan?.fireNow == nil)
        #expect(plan?.line == "bob is not on IRC; the page was not delivered")
        let second = Self.undeliverable(&desk, "dave")
        #expect(second?.fireNow == Self.nextTier, "now nobody was reached")
        #expect(second?.attemptToFail == nil, "dave's page was never stored")
    }

    @Test func aPersonWithAnEmailIsPagedByItAndTheTierWaits() {
        var desk = Self.desk()
        let plan = Self.undeliverable(&desk, "bob", emailFor: ["bob"])
        #expect(plan?.fireNow == nil)
        #expect(plan?.line == "bob is not on IRC; the page was not delivered — paging bob by email instead")
    }

    @Test func pastTheLastTierTheChannelIsToldNobodyIsLeft() {
        var desk = Self.desk()
        let plan = Self.undeliverable(&desk, "bob", pending: [])
        #expect(plan?.fireNow == nil)
        #expect(plan?.line.hasSuffix("no escalation tier is left to page; INC-4 is still not acknowledged") == true)
    }

    @Test func anAcknowledgedIncidentOrAManualPageMovesNoTier() {
        var acknowledged = Self.desk()
        let afterAck = Self.undeliverable(&acknowledged, "bob", incident: Self.incident(acknowledged: true))
        #expect(afterAck?.fireNow == nil)
        var manual = Self.desk(level: nil)
        let plan = Self.undeliverable(&manual, "bob")
        #expect(plan?.fireNow == nil)
        #expect(plan?.line == "bob is not on IRC; the page was not delivered")
    }

    @Test func anAnswerIsTracedOnceAndOnlyWithinItsWindow() {
        var desk = Self.desk()
        let carol = Self.undeliverable(&desk, "carol")
        #expect(carol == nil, "nobody paged carol")
        let first = Self.undeliverable(&desk, "bob")
        #expect(first != nil)
        let again = Self.undeliverable(&desk, "bob")
        #expect(again == nil, "the invitation's second answer finds nothing")
        var late = Self.desk()
        let tooLate = Self.undeliverable(&late, "bob", at: 121)
        #expect(tooLate == nil)
    }

    @Test func anAcknowledgementMarksTheAcknowledgersReachedAttemptsAndEndsTheRound() {
        var desk = Self.desk()
        func attempt(_ id: String, _ person: ChatIdentity, _ status: PageAttempt.Status) -> PageAttempt {
            PageAttempt(
                id: id, incidentID: 4, person: person, method: "chat", address: person.name, step: "tier-1",
                status: status, queuedAt: Self.at(0))
        }
        let attempts = [
            attempt("a-bob", Self.bob, .sent), attempt("e-bob", Self.bob, .read), attempt("f-bob", Self.bob, .failed),
            attempt("a-dave", Self.dave, .sent),
        ]
        let linkInUse = desk.linkUseBegins("e-bob")
        #expect(linkInUse)
        let marked = desk.acknowledged(incidentID: 4, by: Self.bob, attempts: attempts)
        #expect(marked.map(\.id) == ["a-bob"], "the link in use marks its own attempt")
        let afterRound = Self.undeliverable(&desk, "bob")
        #expect(afterRound == nil, "the round is over")
    }

    @Test func aLinkIsUsedOnceAtATime() {
        var desk = PageDesk()
        let firstUse = desk.linkUseBegins("a")
        #expect(firstUse)
        let secondUse = desk.linkUseBegins("a")
        #expect(!secondUse)
        desk.linkUseEnded("a")
        let afterEnd = desk.linkUseBegins("a")
        #expect(afterEnd)
    }
}

/// `PageDesk`'s claims before a send, and what becomes of a claimed chat page after a restart.
@Suite struct PageDeskClaimTests {
    typealias D = PageDeskTests

    static func attempt(step: String) -> PageAttempt {
        PageAttempt(
            id: "x", incidentID: 4, person: D.bob, method: "chat", address: "bob_", step: step, queuedAt: D.at(0))
    }

    @Test func eachPageIsClaimedAsRoundOneOfItsStepToTheNickItGoesTo() {
        let pages = [Page(person: D.bob, text: "p"), Page(person: D.dave, text: "p")]
        let attempts = PageDesk.chatAttempts(
            for: pages, nicks: ["bob_", "dave"], incidentID: 4, step: "tier-1", at: D.at(5))
        #expect(attempts.map(\.id) == ["INC-4/tier-1/account:bob/chat/1", "INC-4/tier-1/account:dave/chat/1"])
        #expect(attempts.map(\.address) == ["bob_", "dave"])
        #expect(attempts.allSatisfy { $0.status == .queued && $0.queuedAt == D.at(5) && $0.method == "chat" })
    }

    @Test func aPageOfAClosedOrAcknowledgedIncidentFailsAfterARestart() {
        let reason = "not sent before a restart; no longer needed"
        #expect(PageDesk.resumption(of: Self.attempt(step: "tier-1"), openIncident: nil, fenced: false)
            == .fail(reason: reason))
        let acknowledged = D.incident(acknowledged: true)
        #expect(PageDesk.resumption(of: Self.attempt(step: "tier-1"), openIncident: acknowledged, fenced: true)
            == .fail(reason: reason))
    }

    @Test func theFenceResendsATiersPageAndAManualPageIsResentHereMarked() throws {
        let incident = D.incident()
        #expect(PageDesk.resumption(of: Self.attempt(step: "tier-1"), openIncident: incident, fenced: true)
            == .send(resend: nil))
        let manual = PageDesk.resumption(of: Self.attempt(step: "manual-tier-1"), openIncident: incident, fenced: true)
        guard case .send(let text?) = manual else { Issue.record("a manual page was not resent"); return }
        #expect(text.hasPrefix("[resent after a restart] "))
        guard case .send(let unfenced?) = PageDesk.resumption(
            of: Self.attempt(step: "tier-1"), openIncident: incident, fenced: false)
        else { Issue.record("without a fence a tier's page was not resent"); return }
        #expect(unfenced.hasPrefix("[resent after a restart] You are paged for INC-4"))
    }
}

/// `PageDesk.invitations`: who a page also invites into the incident channel.
@Suite struct PageDeskInvitationTests {
    @Test func onlyPagedPeopleNotInTheChannelByNickOrAccountAreInvited() {
        let pages: [ChatAction] = [
            .message(target: "Bob", text: "page"), .message(target: "dave", text: "page"),
            .message(target: "erin", text: "page"), .say(target: "#inc-4", text: "PAGE tier 1"),
        ]
        let members = [
            Participant(identity: .account("bob"), nick: "bob_away"), Participant(identity: .nick("dave"), nick: "dave"),
        ]
        let invitations = PageDesk.invitations(
            for: pages, into: "#inc-4", members: members, nameKey: { $0.lowercased() })
        #expect(invitations == [.invite(nick: "erin", channel: "#inc-4")])
    }
}
