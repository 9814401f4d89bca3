import SitrepCore

/// The tries of one email or webhook page attempt: whether a failure is tried again, and when. A failure that may
/// pass (a dropped connection, an SMTP 4xx, an HTTP 5xx/429, a timeout) is tried again after each delay in turn;
/// one that will not (a 5xx mail reply, an untrusted certificate, an HTTP 4xx), or the last try's, fails the
/// attempt with a reason that says how many tries were made. Pure, time passed in: the executor sends, reports
/// each outcome here, and waits until the time it is given (the attempt stays claimed, `queued`, meanwhile, so a
/// restart sends it again rather than dropping it).
public struct DeliveryTries: Sendable, Equatable {
    /// The waits between tries: 15 s, then 45 s: three tries over about a minute.
    public static let standardDelays: [Duration] = [.seconds(15), .seconds(45)]

    public let delays: [Duration]
    /// Tries made so far.
    public private(set) var count = 0
    /// When the first try failed.
    public private(set) var firstFailedAt: Timestamp?

    public init(delays: [Duration] = DeliveryTries.standardDelays) {
        self.delays = delays
    }

    /// The tries of an attempt as stored before a restart: `count` failed so far, the first at `firstFailedAt`.
    public init(delays: [Duration] = DeliveryTries.standardDelays, count: Int, firstFailedAt: Timestamp?) {
        self.delays = delays
        self.count = max(0, count)
        self.firstFailedAt = firstFailedAt
    }

    /// The most tries one attempt gets.
    public var maxTries: Int { delays.count + 1 }

    /// What to do after a failed try.
    public enum Decision: Sendable, Equatable {
        /// Try again at this time.
        case retry(at: Timestamp)
        /// Mark the attempt failed with this reason.
        case fail(reason: String)
    }

    /// A try failed at `now` with `reason`; `retryable` says whether the same try may work later.
    public mutating func failed(reason: String, retryable: Bool, at now: Timestamp) -> Decision {
        count += 1
        let first = firstFailedAt ?? now
        firstFailedAt = first
        if retryable, count <= delays.count {
            return .retry(at: now.adding(delays[count - 1]))
        }
        return .fail(reason: "\(reason) (\(summary(until: now, retryable: retryable)))")
    }

    /// The attempt will not be tried again for another reason (the incident was acknowledged or closed).
    public func abandoned(reason: String, lastFailure: String) -> String {
        "\(reason); last try: \(lastFailure) (\(count) \(count == 1 ? "try" : "tries"))"
    }

    private func summary(until now: Timestamp, retryable: Bool) -> String {
        if count == 1 { return retryable ? "1 try" : "1 try, not retried" }
        let span = (firstFailedAt ?? now).duration(to: now)
        return "\(count) tries over \(span.chatDescription)"
    }
}
