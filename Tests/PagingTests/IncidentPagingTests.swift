import Paging
import SitrepCore
import Testing

/// `IncidentPaging`: every person an incident paged followed through their rules, found by the chat attempts the
/// coordinator stored, stopped by an acknowledgement, a resolution or the escalation moving past their tier.
@Suite struct IncidentPagingTests {
    static let t0 = Timestamp(milliseconds: 1_764_000_000_000)
    static func at(_ seconds: Int64) -> Timestamp { t0.adding(.seconds(seconds)) }
    static let bob = ChatIdentity.account("bob")
    static let dave = ChatIdentity.account("dave")

    /// Chat at once, email after a minute; bob and dave have an email, nobody else.
    static let reach: IncidentPaging.Reach = { person, nick in
        var contacts: [ContactMethod.Kind: String] = [.chat: nick]
        if person.name == "bob" || person.name == "dave" { contacts[.email] = "\(person.name)@example.org" }
        return (contacts, NotificationRules(steps: [NotificationStep(.chat), NotificationStep(.email, after: .seconds(60))]))
    }

    static func incident(level: Int = 1) -> Incident {
        var incident = Incident(
            id: 4, title: "Orders database down", severity: .sev1, channel: ChatChannel(name: "#inc-4"),
            declaredBy: Participant(identity: .account("alice"), nick: "alice"), declaredAt: t0)
        incident.escalationLevel = level
        return incident
    }

    /// The round-1 chat attempt the coordinator stores when it pages `person` at `step`.
    static func chat(_ person: ChatIdentity, step: String = "tier-1", status: PageAttempt.Status = .sent, at seconds: Int64 = 0)
        -> PageAttempt
    {
        PageAttempt(
            id: PageAttempt.key(incidentID: 4, step: step, person: person, method: "chat", round: 1), incidentID: 4,
            person: person, method: "chat", address: person.name, step: step, status: status, queuedAt: at(seconds),
            updatedAt: at(seconds))
    }

    @Test func theEmailIsDueAMinuteAfterTheChatPage() {
        let paging = IncidentPaging(incident: Self.incident(), attempts: [Self.chat(Self.bob)], reach: Self.reach)
        #expect(paging.due(at: Self.at(10)).attempts.isEmpty)
        #expect(paging.due(at: Self.at(10)).next == Self.at(60))
        let due = paging.due(at: Self.at(61)).attempts
        #expect(due.map(\.id) == ["INC-4/tier-1/account:bob/email/1"])
        #expect(due.first?.address == "bob@example.org")
    }

    @Test func aChatPageThatFailedSendsTheEmailAtOnce() {
        let failed = Self.chat(Self.dave, status: .failed, at: 2)
        let paging = IncidentPaging(incident: Self.incident(), attempts: [failed], reach: Self.reach)
        #expect(paging.due(at: Self.at(2)).attempts.map(\.method) == ["email"])
    }

    @Test func someoneWithoutAnEmailIsOnlyPagedInChat() {
        let carol = ChatIdentity.account("carol")
        let paging = IncidentPaging(incident: Self.incident(), attempts: [Self.chat(carol)], reach: Self.reach)
        #expect(paging.due(at: Self.at(600)) == ([], nil))
    }

    @Test func anAcknowledgedOrResolvedIncidentPagesNobody() {
        var acknowledged = Self.incident()
        acknowledged.acknowledgedAt = Self.at(5)
        var resolved = Self.incident()
        resolved.state = .resolved
        for incident in [acknowledged, resolved] {
            let paging = IncidentPaging(incident: incident, attempts: [Self.chat(Self.bob)], reach: Self.reach)
            #expect(paging.due(at: Self.at(600)) == ([], nil))
        }
    }

    @Test func theEscalationMovingPastATierEndsThatTiersPagesButNotAManualOne() {
        let attempts = [Self.chat(Self.bob, step: "tier-1"), Self.chat(Self.dave, step: "manual-1764000000000")]
        let paging = IncidentPaging(incident: Self.incident(level: 2), attempts: attempts, reach: Self.reach)
        #expect(paging.due(at: Self.at(61)).attempts.map(\.id) == ["INC-4/manual-1764000000000/account:dave/email/1"])
        #expect(IncidentPaging.isCurrent(step: "manual-tier-2", escalationLevel: 2))
        #expect(!IncidentPaging.isCurrent(step: "manual-tier-1", escalationLevel: 2))
    }

    @Test func anEmailClaimedButNeverSentIsFoundForResending() {
        var email = Self.chat(Self.bob)
        email.id = "INC-4/tier-1/account:bob/email/1"
        email.method = "email"
        email.status = .queued
        let paging = IncidentPaging(incident: Self.incident(), attempts: [Self.chat(Self.bob), email], reach: Self.reach)
        #expect(paging.unfinished(excluding: []).map(\.id) == [email.id])
        #expect(paging.unfinished(excluding: [email.id]).isEmpty, "one being sent by this process is not resent")
        #expect(paging.due(at: Self.at(61)).attempts.isEmpty, "claimed once: never claimed again")
    }

    @Test func theLetterLeadsWithTheAcknowledgeLink() {
        let letter = PageLetter(
            incident: Self.incident(), step: "tier-1", round: 1, ackURL: "https://sitrep.example/ack/TOKEN",
            incidentURL: "https://sitrep.example/incidents/4", commandPrefix: "!")
        #expect(letter.subject == "[sitrep] SEV1 INC-4 needs you: Orders database down")
        let lines = letter.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.contains("INC-4") == true && lines.first?.contains("escalation tier 1") == true)
        #expect(lines.firstIndex(of: "https://sitrep.example/ack/TOKEN") == 3)
        #expect(letter.text.contains("Or join #inc-4 and type !ack."))
        #expect(letter.text.contains("Status: https://sitrep.example/incidents/4"))
        let reminder = PageLetter(incident: Self.incident(), step: "tier-1", round: 2, ackURL: nil, incidentURL: nil)
        #expect(reminder.subject.contains("(reminder 1)") && !reminder.text.contains("Acknowledge ("))
    }
}

extension IncidentPagingTests {
    @Test func aChatPageLeftUnreadIsFoundWithTheReasonItFailsWith() {
        let reach: IncidentPaging.Reach = { _, nick in
            ([.chat: nick], NotificationRules(steps: [NotificationStep(.chat, unreadAfter: .seconds(90))]))
        }
        let paging = IncidentPaging(incident: Self.incident(), attempts: [Self.chat(Self.bob)], reach: reach)
        #expect(paging.unread(at: Self.at(89)).attempts.isEmpty)
        #expect(paging.unread(at: Self.at(89)).next == Self.at(90))
        let found = paging.unread(at: Self.at(90)).attempts
        #expect(found.map(\.attempt.id) == ["INC-4/tier-1/account:bob/chat/1"])
        #expect(found.map(\.reason) == ["not read within 1m 30s"])
    }
}
