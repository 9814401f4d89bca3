import SitrepCore

/// What to do after a client-server API request: the pure rule behind every retry of the Matrix edge.
///
/// - 2xx: done; the backoff starts over.
/// - 429 (`M_LIMIT_EXCEEDED`): wait what the server asks (`retry_after_ms`, else the `Retry-After` header in
///   seconds, else one backoff step), at least `minimumRateLimitWait` (a server saying 0 must not make the client
///   spin) and at most `maximumRateLimitWait`. Rate limiting is not a failure: it does not grow the backoff.
/// - 5xx, 408 and network errors: exponential backoff with full jitter (`ReconnectBackoff`), as IRC reconnects.
/// - 401 `M_UNKNOWN_TOKEN`: log in again (when the bot has a password), then retry.
/// - Any other 4xx: give up; retrying the same request cannot succeed.
public struct MatrixRetryPolicy: Sendable {
    /// The decision for one response.
    public enum Decision: Sendable, Equatable {
        case success
        case retry(after: Duration)
        case reauthenticate
        case giveUp(MatrixErrorResponse)
    }

    public private(set) var backoff: ReconnectBackoff
    public let minimumRateLimitWait: Duration
    public let maximumRateLimitWait: Duration

    public init(
        backoff: ReconnectBackoff = ReconnectBackoff(initial: .milliseconds(500), maximum: .seconds(60)),
        minimumRateLimitWait: Duration = .milliseconds(100), maximumRateLimitWait: Duration = .seconds(120)
    ) {
        precondition(minimumRateLimitWait <= maximumRateLimitWait, "rate-limit wait bounds are inverted")
        self.backoff = backoff
        self.minimumRateLimitWait = minimumRateLimitWait
        self.maximumRateLimitWait = maximumRateLimitWait
    }

    /// The decision for an HTTP response with `status`, its body decoded as an error when it is one, and the
    /// `Retry-After` header if present.
    public mutating func responseReceived(
        status: Int, error: MatrixErrorResponse?, retryAfterHeader: String? = nil,
        using generator: inout some RandomNumberGenerator
    ) -> Decision {
        switch status {
        case 200..<300:
            backoff.reset()
            return .success
        case 429:
            if let milliseconds = error?.retryAfterMilliseconds {
                return .retry(after: rateLimitWait(.milliseconds(milliseconds)))
            }
            if let seconds = retryAfterHeader?.split(separator: " ").first.flatMap({ Int64($0) }) {
                return .retry(after: rateLimitWait(.seconds(seconds)))
            }
            return .retry(after: backoff.nextDelay(using: &generator))
        case 401 where error?.errcode == "M_UNKNOWN_TOKEN":
            return .reauthenticate
        case 408, 500..<600:
            return .retry(after: backoff.nextDelay(using: &generator))
        default:
            let fallback = MatrixErrorResponse(errcode: "HTTP_\(status)", error: "unexpected HTTP status \(status)")
            return .giveUp(error ?? fallback)
        }
    }

    private func rateLimitWait(_ asked: Duration) -> Duration {
        min(max(asked, minimumRateLimitWait), maximumRateLimitWait)
    }

    /// The decision after a request failed without a response (connection refused, reset, timed out).
    public mutating func transportFailed(using generator: inout some RandomNumberGenerator) -> Decision {
        .retry(after: backoff.nextDelay(using: &generator))
    }
}
