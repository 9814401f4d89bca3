import SitrepCore

/// What to do after a client-server API request: the pure rule behind every retry of the Matrix edge.
///
/// - 2xx: done; the backoff starts over.
/// - 429 (`M_LIMIT_EXCEEDED`): wait what the server asks (`retry_after_ms`, else the `Retry-After` header in
///   seconds, else one backoff step), capped at `maximumRateLimitWait`. Rate limiting is not a failure: it does
///   not grow the backoff.
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
    public let maximumRateLimitWait: Duration

    public init(
        backoff: ReconnectBackoff = ReconnectBackoff(initial: .milliseconds(500), maximum: .seconds(60)),
        maximumRateLimitWait: Duration = .seconds(120)
    ) {
        self.backoff = backoff
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
                return .retry(after: min(.milliseconds(max(0, milliseconds)), maximumRateLimitWait))
            }
            if let seconds = retryAfterHeader?.split(separator: " ").first.flatMap({ Int64($0) }) {
                return .retry(after: min(.seconds(max(0, seconds)), maximumRateLimitWait))
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

    /// The decision after a request failed without a response (connection refused, reset, timed out).
    public mutating func transportFailed(using generator: inout some RandomNumberGenerator) -> Decision {
        .retry(after: backoff.nextDelay(using: &generator))
    }
}
