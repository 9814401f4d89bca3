import Matrix
import SitrepCore
import Testing

@Suite struct MatrixRetryPolicyTests {
    var generator = SteppingGenerator(state: 9)

    @Test mutating func theCaptured429IsRetriedAfterTheServersWait() throws {
        let body = try Fixture.bytes("error-rate-limited")
        let error = try #require(MatrixJSON.error(from: body))
        var policy = MatrixRetryPolicy()
        let decision = policy.responseReceived(status: 429, error: error, retryAfterHeader: "2", using: &generator)
        #expect(decision == .retry(after: .milliseconds(try #require(error.retryAfterMilliseconds))))
        #expect(policy.backoff.attempts == 0)  // being rate limited is not a failure
    }

    @Test mutating func without429BodyTheRetryAfterHeaderDecides() {
        var policy = MatrixRetryPolicy()
        #expect(policy.responseReceived(status: 429, error: nil, retryAfterHeader: "2", using: &generator)
            == .retry(after: .seconds(2)))
    }

    @Test mutating func withNeitherA429WaitsOneBackoffStep() {
        var policy = MatrixRetryPolicy(backoff: ReconnectBackoff(initial: .seconds(1), maximum: .seconds(8)))
        guard case .retry(let wait) = policy.responseReceived(status: 429, error: nil, using: &generator) else {
            Issue.record("expected a retry")
            return
        }
        #expect(wait >= .zero && wait <= .seconds(1))
    }

    @Test mutating func anAbsurdServerWaitIsCapped() {
        var policy = MatrixRetryPolicy(maximumRateLimitWait: .seconds(60))
        let error = MatrixErrorResponse(errcode: "M_LIMIT_EXCEEDED", retryAfterMilliseconds: 86_400_000)
        #expect(policy.responseReceived(status: 429, error: error, using: &generator) == .retry(after: .seconds(60)))
    }

    @Test mutating func aZeroServerWaitStillWaitsAMoment() {
        var policy = MatrixRetryPolicy(minimumRateLimitWait: .milliseconds(100))
        let error = MatrixErrorResponse(errcode: "M_LIMIT_EXCEEDED", retryAfterMilliseconds: 0)
        let decision = policy.responseReceived(status: 429, error: error, using: &generator)
        #expect(decision == .retry(after: .milliseconds(100)))
        #expect(
            policy.responseReceived(status: 429, error: nil, retryAfterHeader: "-5", using: &generator)
                == .retry(after: .milliseconds(100)))
    }

    @Test mutating func serverErrorsBackOffWithGrowingJitteredWaits() {
        var policy = MatrixRetryPolicy(backoff: ReconnectBackoff(initial: .seconds(1), maximum: .seconds(4)))
        for (attempt, ceiling) in [1, 2, 4, 4].enumerated() {
            let status = [500, 502, 503, 408][attempt]
            guard case .retry(let wait) = policy.responseReceived(status: status, error: nil, using: &generator) else {
                Issue.record("expected a retry for \(status)")
                return
            }
            #expect(wait >= .zero && wait <= .seconds(ceiling))
        }
        #expect(policy.responseReceived(status: 200, error: nil, using: &generator) == .success)
        #expect(policy.backoff.attempts == 0)
    }

    @Test mutating func networkFailuresBackOffToo() {
        var policy = MatrixRetryPolicy()
        guard case .retry = policy.transportFailed(using: &generator) else {
            Issue.record("expected a retry")
            return
        }
        #expect(policy.backoff.attempts == 1)
    }

    @Test mutating func anUnknownTokenMeansLogInAgain() throws {
        let error = try Fixture.decode(MatrixErrorResponse.self, "error-unknown-token")
        var policy = MatrixRetryPolicy()
        #expect(policy.responseReceived(status: 401, error: error, using: &generator) == .reauthenticate)
    }

    @Test mutating func otherClientErrorsAreFinal() throws {
        let forbidden = try Fixture.decode(MatrixErrorResponse.self, "error-login-forbidden")
        var policy = MatrixRetryPolicy()
        #expect(policy.responseReceived(status: 403, error: forbidden, using: &generator) == .giveUp(forbidden))
        guard case .giveUp(let error) = policy.responseReceived(status: 404, error: nil, using: &generator) else {
            Issue.record("expected to give up")
            return
        }
        #expect(error.errcode == "HTTP_404")
    }
}
