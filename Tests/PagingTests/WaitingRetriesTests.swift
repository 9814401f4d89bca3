import Paging
import SitrepCore
import Testing

/// The page attempts waiting for another try: due ones come out in order, later ones say when, a stopped
/// incident gives them up with the reason, and a restart counts on from the stored tries. No clock, no store.
@Suite struct WaitingRetriesTests {
    static let t0 = Timestamp(milliseconds: 1_764_000_000_000)
    static func at(_ seconds: Int64) -> Timestamp { t0.adding(.seconds(seconds)) }
    static let bob = ChatIdentity.account("bob", network: "irc")

    static func attempt(_ id: String, incident: Int64 = 4, failedTries: Int = 0, retryAt: Timestamp? = nil)
        -> PageAttempt
    {
        PageAttempt(
            id: id, incidentID: incident, person: bob, method: "email", address: "bob@example.org", step: "tier 1",
            queuedAt: t0, failedTries: failedTries, firstFailedAt: failedTries > 0 ? t0 : nil, retryAt: retryAt)
    }

    @Test func aFailureThatMayPassWaitsAndComesOutWhenDue() {
        var retries = WaitingRetries(delays: [.seconds(15), .seconds(45)])
        let page = Self.attempt("INC-4/a/1")
        let (decision, tries) = retries.failed(page, reason: "SMTP 451", retryable: true, at: Self.t0)
        #expect(decision == .retry(at: Self.at(15)) && tries.count == 1)
        #expect(retries.waitingIDs == ["INC-4/a/1"])
        #expect(retries.take(of: 4, isPaging: true, now: Self.at(10)) == .init(next: Self.at(15)))
        #expect(retries.take(of: 4, isPaging: true, now: Self.at(15)) == .init(due: [page]))
        #expect(retries.waitingIDs.isEmpty)
        // Its tries are remembered: the next failure counts as the second.
        let (second, secondTries) = retries.failed(page, reason: "SMTP 451", retryable: true, at: Self.at(16))
        #expect(second == .retry(at: Self.at(61)) && secondTries.count == 2)
    }

    @Test func aFailureThatWillNotPassNeitherWaitsNorCounts() {
        var retries = WaitingRetries(delays: [.seconds(15)])
        let (decision, _) = retries.failed(Self.attempt("INC-4/a/1"), reason: "HTTP 401", retryable: false, at: Self.t0)
        #expect(decision == .fail(reason: "HTTP 401 (1 try, not retried)"))
        #expect(retries.waitingIDs.isEmpty)
    }

    @Test func anIncidentThatNoLongerPagesGivesUpItsRetriesOnlyAndSaysWhy() {
        var retries = WaitingRetries(delays: [.seconds(15)])
        _ = retries.failed(Self.attempt("INC-4/b/1"), reason: "timed out", retryable: true, at: Self.t0)
        _ = retries.failed(Self.attempt("INC-4/a/1"), reason: "timed out", retryable: true, at: Self.t0)
        _ = retries.failed(Self.attempt("INC-5/a/1", incident: 5), reason: "timed out", retryable: true, at: Self.t0)
        let taken = retries.take(of: 4, isPaging: false, now: Self.at(1))
        #expect(taken.due.isEmpty && taken.next == nil)
        #expect(taken.abandoned.map(\.attempt.id) == ["INC-4/a/1", "INC-4/b/1"])
        #expect(taken.abandoned.allSatisfy { $0.reason.contains("the incident no longer pages") })
        #expect(taken.abandoned.allSatisfy { $0.reason.contains("timed out") })
        #expect(retries.waitingIDs == ["INC-5/a/1"])
    }

    @Test func aRetryResumedAfterARestartKeepsItsTimeAndCountsOn() {
        var retries = WaitingRetries(delays: [.seconds(15), .seconds(45)])
        let stored = Self.attempt("INC-4/a/1", failedTries: 1, retryAt: Self.at(15))
        #expect(retries.resume(stored, now: Self.at(5)) == Self.at(15))
        #expect(retries.take(of: 4, isPaging: true, now: Self.at(14)).next == Self.at(15))
        #expect(retries.take(of: 4, isPaging: true, now: Self.at(15)).due == [stored])
        let (decision, tries) = retries.failed(stored, reason: "503", retryable: true, at: Self.at(16))
        #expect(decision == .retry(at: Self.at(61)) && tries.count == 2)
        let (last, _) = retries.failed(stored, reason: "503", retryable: true, at: Self.at(62))
        #expect(last == .fail(reason: "503 (3 tries over 1m 2s)"))
    }

    @Test func aDeliveredAttemptIsForgotten() {
        var retries = WaitingRetries(delays: [.seconds(15)])
        let page = Self.attempt("INC-4/a/1")
        _ = retries.failed(page, reason: "x", retryable: true, at: Self.t0)
        retries.delivered(page.id)
        #expect(retries.waitingIDs.isEmpty)
        let (decision, tries) = retries.failed(page, reason: "x", retryable: true, at: Self.at(20))
        #expect(decision == .retry(at: Self.at(35)) && tries.count == 1)
    }
}

/// A webhook URL as a page attempt stores and shows it: scheme and host only, never the path or query that may
/// carry a token.
@Suite struct WebhookAddressTests {
    @Test(arguments: [
        ("https://hooks.example.org/services/T00/B00/XXXXSECRET", "https://hooks.example.org/…"),
        ("https://hooks.example.org?token=abc", "https://hooks.example.org/…"),
        ("http://10.0.0.5:8080#frag", "http://10.0.0.5:8080/…"),
        ("https://hooks.example.org", "https://hooks.example.org/…"),
        ("hooks.example.org/x", "webhook"),
    ])
    func onlySchemeAndHostAreKept(url: String, shown: String) {
        #expect(WebhookAddress.shortened(url) == shown)
    }
}
