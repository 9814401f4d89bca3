import Paging
import SitrepCore

/// Retries: a failed email or webhook that may pass waits (still `queued`) for its next try, as `DeliveryTries`
/// decides; the pass sends it when its time comes, or drops it once the incident no longer pages.
extension PageDispatcher {
    /// An attempt waiting to be tried again.
    struct Retry: Sendable {
        var attempt: PageAttempt
        var at: Timestamp
        var lastFailure: String
    }

    /// Sends one attempt and records how it went: sent, failed, or (a failure that may pass) waiting for a retry.
    func deliver(_ attempt: PageAttempt, _ outgoing: Outgoing) async {
        do {
            try await transports.send(
                to: outgoing.destination, letter: outgoing.letter, chatText: outgoing.chatText,
                fields: outgoing.fields, incidentID: attempt.incidentID, idempotencyKey: attempt.id)
            tries[attempt.id] = nil
            await record(attempt, .sent, reason: nil)
            logger.info(
                "page sent", metadata: ["attempt": "\(attempt.id)", "method": "\(attempt.method)"])
        } catch {
            var attemptTries = tries[attempt.id] ?? DeliveryTries(delays: retryDelays)
            let decision = attemptTries.failed(reason: error.description, retryable: error.isRetryable, at: clock())
            tries[attempt.id] = attemptTries
            switch decision {
            case .retry(let at):
                retrying[attempt.id] = Retry(attempt: attempt, at: at, lastFailure: error.description)
                await storeRetry(attempt, attemptTries, at: at, lastFailure: error.description)
                logger.notice(
                    "page not delivered, will try again",
                    metadata: [
                        "attempt": "\(attempt.id)", "method": "\(attempt.method)", "try": "\(attemptTries.count)",
                        "at": "\(at)", "reason": "\(error.description)",
                    ])
            case .fail(let reason):
                tries[attempt.id] = nil
                await record(attempt, .failed, reason: reason)
                logger.warning(
                    "page not delivered",
                    metadata: ["attempt": "\(attempt.id)", "method": "\(attempt.method)", "reason": "\(reason)"])
            }
            // A failure brings the person's next method forward, a retry needs a wake-up: look again now.
            poke(attempt.incidentID)
        }
    }

    /// Keeps a waiting retry in the store, so a restart waits for it too and goes on counting.
    private func storeRetry(_ attempt: PageAttempt, _ tries: DeliveryTries, at: Timestamp, lastFailure: String) async {
        do {
            try await store.recordPageRetry(
                id: attempt.id, failedTries: tries.count, firstFailedAt: tries.firstFailedAt ?? clock(), retryAt: at,
                lastFailure: lastFailure)
        } catch {
            logger.error("could not store a page retry", metadata: ["attempt": "\(attempt.id)", "error": "\(error)"])
        }
    }

    /// At start: the attempts a stopped process left waiting for a retry wait for it here too, their tries
    /// counted on from where they were (rather than sent at once as unfinished and counted from one).
    func resumeRetries() async {
        guard let queued = try? await store.queuedPageAttempts() else { return }
        for attempt in queued where attempt.failedTries > 0 {
            let at = attempt.retryAt ?? clock()
            retrying[attempt.id] = Retry(attempt: attempt, at: at, lastFailure: attempt.reason ?? "an earlier try failed")
            tries[attempt.id] = DeliveryTries(
                delays: retryDelays, count: attempt.failedTries, firstFailedAt: attempt.firstFailedAt)
            logger.info(
                "page retry resumed after a restart",
                metadata: ["attempt": "\(attempt.id)", "tries": "\(attempt.failedTries)", "at": "\(at)"])
        }
    }

    /// The retries of `incidentID` due at `now` (taken out of `retrying`), and when the next one is. While the
    /// incident no longer pages (acknowledged, resolved), a waiting retry is dropped and its attempt marked failed.
    func dueRetries(of incidentID: Int64, isPaging: Bool, now: Timestamp) async -> ([PageAttempt], Timestamp?) {
        var due: [PageAttempt] = []
        var next: Timestamp?
        for retry in retrying.values where retry.attempt.incidentID == incidentID {
            if !isPaging {
                retrying[retry.attempt.id] = nil
                let reason = (tries[retry.attempt.id] ?? DeliveryTries(delays: retryDelays)).abandoned(
                    reason: "not tried again: the incident no longer pages", lastFailure: retry.lastFailure)
                tries[retry.attempt.id] = nil
                await record(retry.attempt, .failed, reason: reason)
            } else if retry.at <= now {
                retrying[retry.attempt.id] = nil
                due.append(retry.attempt)
            } else {
                next = next.map { min($0, retry.at) } ?? retry.at
            }
        }
        return (due.sorted { $0.id < $1.id }, next)
    }
}
