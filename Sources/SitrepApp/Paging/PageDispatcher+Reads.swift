import Paging
import SitrepCore

/// Reading: a Matrix person's client reports reading the bot's direct messages (read receipts); a page they read
/// is marked `read`, and one they leave unread past their step's `unreadAfter` fails, so their next method (an
/// email) goes then rather than at its own later time.
extension PageDispatcher {
    /// `userID` read the direct-message room the bot pages them in, at `time`: their chat pages of the incidents
    /// still paging, sent before then, are marked read.
    public func chatRead(by userID: String, at time: Timestamp) async {
        // A receipt's time is the homeserver's; allow its clock to lag ours a little.
        let horizon = time.adding(.seconds(2))
        for incidentID in active.sorted() {
            guard let attempts = try? await store.pageAttempts(incidentID: incidentID) else { continue }
            for attempt in attempts
            where attempt.method == ContactMethod.Kind.chat.rawValue && attempt.status == .sent
                && (attempt.address == userID || attempt.person.name == userID)
                && (attempt.updatedAt ?? attempt.queuedAt) <= horizon
            {
                do {
                    try await store.updatePageAttempt(id: attempt.id, status: .read, reason: nil, at: clock())
                    logger.info("page read", metadata: ["attempt": "\(attempt.id)"])
                } catch {
                    logger.error(
                        "could not update a page attempt", metadata: ["attempt": "\(attempt.id)", "error": "\(error)"])
                }
            }
        }
    }

    /// Records the chat attempts of `paging` left unread too long as failed (reloading its attempts when any
    /// were), and returns when the next one's time is up.
    func failUnread(_ paging: inout IncidentPaging, now: Timestamp) async throws -> Timestamp? {
        let (unread, next) = paging.unread(at: now)
        guard !unread.isEmpty else { return next }
        for (attempt, reason) in unread {
            logger.notice("page not read in time", metadata: ["attempt": "\(attempt.id)", "reason": "\(reason)"])
            await record(attempt, .failed, reason: reason)
        }
        paging.attempts = try await store.pageAttempts(incidentID: paging.incident.id)
        return paging.unread(at: now).next
    }
}
