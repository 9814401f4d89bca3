import Paging
import SitrepCore

/// Retries: a failed email or webhook that may pass waits (still `queued`) for its next try, as `WaitingRetries`
/// decides; the pass sends it when its time comes, or drops it once the incident no longer pages.
extension PageDispatcher {
    /// Sends one attempt and records how it went: sent, failed, or (a failure that may pass) waiting for a retry.
    func deliver(_ attempt: PageAttempt, _ outgoing: OutgoingPage) async {
        do {
            try await transports.send(
                to: outgoing.destination, letter: outgoing.letter, chatText: outgoing.chatText,
                fields: outgoing.fields, incidentID: attempt.incidentID, idempotencyKey: attempt.id)
            retries.delivered(attempt.id)
            await record(attempt, .sent, reason: nil)
            logger.info(
                "page sent", metadata: ["attempt": "\(attempt.id)", "method": "\(attempt.method)"])
        } catch {
            let (decision, tries) = retries.failed(
                attempt, reason: error.description, retryable: error.isRetryable, at: clock())
            switch decision {
            case .retry(let at):
                await storeRetry(attempt, tries, at: at, lastFailure: error.description)
                logger.notice(
                    "page not delivered, will try again",
                    metadata: [
                        "attempt": "\(attempt.id)", "method": "\(attempt.method)", "try": "\(tries.count)",
                        "at": "\(at)", "reason": "\(error.description)",
                    ])
            case .fail(let reason):
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
            let at = retries.resume(attempt, now: clock())
            logger.info(
                "page retry resumed after a restart",
                metadata: ["attempt": "\(attempt.id)", "tries": "\(attempt.failedTries)", "at": "\(at)"])
        }
    }

    /// The retries of `incidentID` due at `now`, and when the next one is. While the incident no longer pages
    /// (acknowledged, resolved), a waiting retry is dropped and its attempt marked failed.
    func dueRetries(of incidentID: Int64, isPaging: Bool, now: Timestamp) async -> ([PageAttempt], Timestamp?) {
        let taken = retries.take(of: incidentID, isPaging: isPaging, now: now)
        for (attempt, reason) in taken.abandoned { await record(attempt, .failed, reason: reason) }
        return (taken.due, taken.next)
    }
}
