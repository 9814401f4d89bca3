import Paging
import SitrepCore
import Testing

@Suite struct PersonPageTests {
    static let t0 = Timestamp(milliseconds: 1_764_000_000_000)
    static func at(_ seconds: Int64) -> Timestamp { t0.adding(.seconds(seconds)) }
    static let bob = ChatIdentity.account("bob")
    static let rules = NotificationRules(
        steps: [NotificationStep(.chat), NotificationStep(.email, after: .seconds(60)), NotificationStep(.webhook, after: .seconds(180))],
        repeatEvery: .seconds(600), rounds: 2)

    static func page(contacts: [ContactMethod.Kind: String] = [.chat: "bob", .email: "bob@example.org", .webhook: "ntfy"])
        -> PersonPage
    {
        PersonPage(incidentID: 4, step: "tier-1", person: bob, contacts: contacts, rules: rules, startedAt: t0)
    }

    static func sent(_ attempts: [PageAttempt], _ status: PageAttempt.Status = .sent, at time: Timestamp) -> [PageAttempt] {
        attempts.map { var attempt = $0; attempt.status = status; attempt.updatedAt = time; return attempt }
    }

    @Test func methodsComeInOrderAtTheirDelaysThenTheRoundRepeats() throws {
        let page = Self.page()
        guard case .send(let first) = page.decide(now: Self.t0, attempts: []) else { Issue.record(); return }
        #expect(first.map(\.method) == ["chat"])
        #expect(first.first?.id == "INC-4/tier-1/account:bob/chat/1" && first.first?.address == "bob")
        var stored = Self.sent(first, at: Self.t0)
        #expect(page.decide(now: Self.at(30), attempts: stored) == .wait(until: Self.at(60)))
        guard case .send(let email) = page.decide(now: Self.at(61), attempts: stored) else { Issue.record(); return }
        #expect(email.map(\.method) == ["email"] && email.first?.queuedAt == Self.at(61))
        stored += Self.sent(email, at: Self.at(61))
        #expect(page.decide(now: Self.at(100), attempts: stored) == .wait(until: Self.at(180)))
        guard case .send(let late) = page.decide(now: Self.at(700), attempts: stored) else { Issue.record(); return }
        #expect(
            late.map(\.id) == [
                "INC-4/tier-1/account:bob/webhook/1", "INC-4/tier-1/account:bob/chat/2",
                "INC-4/tier-1/account:bob/email/2",
            ], "a late look sends everything due, in order")
        stored += Self.sent(late, at: Self.at(700))
        #expect(page.decide(now: Self.at(700), attempts: stored) == .wait(until: Self.at(780)))
        stored += Self.sent([PageAttempt(id: "INC-4/tier-1/account:bob/webhook/2", incidentID: 4, person: Self.bob,
            method: "webhook", address: "ntfy", step: "tier-1", queuedAt: Self.at(780))], at: Self.at(780))
        #expect(page.decide(now: Self.at(5000), attempts: stored) == .done, "two rounds, then nothing more")
    }

    @Test func aFailedAttemptBringsTheNextMethodForwardToWhenItFailed() throws {
        let page = Self.page()
        guard case .send(let chat) = page.decide(now: Self.t0, attempts: []) else { Issue.record(); return }
        let failed = Self.sent(chat, .failed, at: Self.at(2))
        guard case .send(let email) = page.decide(now: Self.at(2), attempts: failed) else { Issue.record(); return }
        #expect(email.map(\.method) == ["email"], "not on IRC: the email goes at once, not after 60 s")
        #expect(page.decide(now: Self.at(3), attempts: failed + Self.sent(email, at: Self.at(3))) == .wait(until: Self.at(180)))
    }

    @Test func anAcknowledgementStopsEverything() throws {
        let page = Self.page()
        guard case .send(let chat) = page.decide(now: Self.t0, attempts: []) else { Issue.record(); return }
        #expect(page.decide(now: Self.at(90), attempts: Self.sent(chat, .acknowledged, at: Self.at(5))) == .done)
        #expect(page.decide(now: Self.at(90), attempts: Self.sent(chat, at: Self.t0), incidentAcknowledged: true) == .done)
    }

    @Test func methodsThePersonHasNoContactForAreLeftOutAndTheEndIsDone() {
        let page = Self.page(contacts: [.email: "bob@example.org"])
        #expect(page.planned.map(\.method) == [.email, .email])
        #expect(page.decide(now: Self.t0, attempts: []) == .wait(until: Self.at(60)))
        let none = Self.page(contacts: [:])
        #expect(none.decide(now: Self.t0, attempts: []) == .done)
        var once = Self.page(contacts: [.chat: "bob"])
        once.rules = .chatOnly
        guard case .send(let chat) = once.decide(now: Self.t0, attempts: []) else { Issue.record(); return }
        #expect(once.decide(now: Self.at(5000), attempts: Self.sent(chat, at: Self.t0)) == .done)
    }

    @Test func anAttemptStillQueuedIsNotClaimedTwice() {
        let page = Self.page()
        guard case .send(let chat) = page.decide(now: Self.t0, attempts: []) else { Issue.record(); return }
        #expect(page.decide(now: Self.at(1), attempts: chat) == .wait(until: Self.at(60)))
    }
}

/// A chat page on a network that reports reading (Matrix): left unread past its step's `unreadAfter`, it counts as
/// failed, which brings the person's next method forward.
@Suite struct UnreadChatPageTests {
    static let t0 = PersonPageTests.t0
    static func at(_ seconds: Int64) -> Timestamp { PersonPageTests.at(seconds) }
    /// Chat (unread after 1 min), email after 5 min.
    static let page = PersonPage(
        incidentID: 4, step: "tier-1", person: .account("@bob:example.org", network: "matrix"),
        contacts: [.chat: "@bob:example.org", .email: "bob@example.org"],
        rules: NotificationRules(steps: [
            NotificationStep(.chat, unreadAfter: .seconds(60)), NotificationStep(.email, after: .seconds(300)),
        ]), startedAt: t0)

    static func chatSent(_ status: PageAttempt.Status = .sent, at seconds: Int64 = 0) throws -> [PageAttempt] {
        guard case .send(let chat) = page.decide(now: at(seconds), attempts: []) else { throw CancellationError() }
        return PersonPageTests.sent(chat, status, at: at(seconds))
    }

    @Test func anUnreadPageExpiresAfterItsTimeAndTheEmailGoesThen() throws {
        let sent = try Self.chatSent()
        #expect(Self.page.unread(now: Self.at(59), attempts: sent) == ([], Self.at(60)))
        #expect(Self.page.decide(now: Self.at(59), attempts: sent) == .wait(until: Self.at(300)))
        let (expired, next) = Self.page.unread(now: Self.at(60), attempts: sent)
        #expect(expired.map(\.id) == ["INC-4/tier-1/account:@bob:example.org/chat/1"] && next == nil)
        // The executor records it failed at that moment: the email is due at once, not at 5 min.
        let failed = PersonPageTests.sent(expired, .failed, at: Self.at(60))
        guard case .send(let email) = Self.page.decide(now: Self.at(60), attempts: failed) else {
            Issue.record("the email should be due")
            return
        }
        #expect(email.map(\.method) == ["email"])
        #expect(PersonPage.unreadReason(after: .seconds(60)) == "not read within 1m")
    }

    @Test func aReadPageNeverExpiresAndTheEmailKeepsItsTime() throws {
        let read = try Self.chatSent(.read)
        #expect(Self.page.unread(now: Self.at(600), attempts: read) == ([], nil))
        #expect(Self.page.decide(now: Self.at(120), attempts: read) == .wait(until: Self.at(300)))
    }

    @Test func withoutReadReportsNothingExpires() throws {
        var irc = Self.page
        irc.rules = irc.rules.withoutReadReports
        let sent = try Self.chatSent()
        #expect(irc.unread(now: Self.at(600), attempts: sent) == ([], nil))
    }

    @Test func anAcknowledgementEndsTheWatch() throws {
        let acknowledged = try Self.chatSent(.acknowledged)
        #expect(Self.page.unread(now: Self.at(600), attempts: acknowledged) == ([], nil))
    }
}
