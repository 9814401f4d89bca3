import Paging
import SitrepCore
import Testing

@Suite struct DeliveryTriesTests {
    static let t0 = Timestamp(milliseconds: 1_764_000_000_000)
    static func at(_ seconds: Int64) -> Timestamp { t0.adding(.seconds(seconds)) }

    @Test func aFailureThatMayPassIsTriedThreeTimesOverAboutAMinute() {
        var tries = DeliveryTries()
        #expect(tries.failed(reason: "refused", retryable: true, at: Self.t0) == .retry(at: Self.at(15)))
        #expect(tries.failed(reason: "refused", retryable: true, at: Self.at(16)) == .retry(at: Self.at(61)))
        #expect(
            tries.failed(reason: "SMTP 451 try later", retryable: true, at: Self.at(62))
                == .fail(reason: "SMTP 451 try later (3 tries over 1m 2s)"))
        #expect(tries.count == 3 && tries.maxTries == 3)
    }

    @Test func aFailureThatWillNotPassFailsAtOnce() {
        var tries = DeliveryTries()
        #expect(
            tries.failed(reason: "HTTP 401", retryable: false, at: Self.t0) == .fail(reason: "HTTP 401 (1 try, not retried)"))
    }

    @Test func aLaterFailureThatWillNotPassStopsTheRetries() {
        var tries = DeliveryTries()
        #expect(tries.failed(reason: "timed out", retryable: true, at: Self.t0) == .retry(at: Self.at(15)))
        #expect(
            tries.failed(reason: "SMTP 550 no such user", retryable: false, at: Self.at(20))
                == .fail(reason: "SMTP 550 no such user (2 tries over 20s)"))
    }

    @Test(arguments: [[Duration](), [.seconds(1)], [.seconds(5), .seconds(10), .seconds(20)]])
    func theDelaysSetHowManyTries(_ delays: [Duration]) {
        var tries = DeliveryTries(delays: delays)
        var now = Self.t0
        for delay in delays {
            #expect(tries.failed(reason: "x", retryable: true, at: now) == .retry(at: now.adding(delay)))
            now = now.adding(delay)
        }
        guard case .fail = tries.failed(reason: "x", retryable: true, at: now) else {
            Issue.record("the try after the last delay fails the attempt")
            return
        }
        #expect(tries.count == delays.count + 1)
    }

    @Test func anAbandonedRetrySaysWhyAndTheLastFailure() {
        var tries = DeliveryTries()
        _ = tries.failed(reason: "refused", retryable: true, at: Self.t0)
        #expect(
            tries.abandoned(reason: "not tried again: the incident no longer pages", lastFailure: "refused")
                == "not tried again: the incident no longer pages; last try: refused (1 try)")
    }
}
