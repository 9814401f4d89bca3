import Logging
import Paging
import SitrepCore

/// The store's record of the chat pages the coordinator sends: an attempt claimed before its page goes, marked
/// sent (the out-of-chat pager then follows it up), failed or acknowledged later. A store error is logged and
/// never stops a page: a page unrecorded beats a page unsent.
struct ChatPageAttempts: Sendable {
    let store: any IncidentStore
    let logger: Logger
    let metrics: SitrepMetrics
    let clock: @Sendable () -> Timestamp
    /// Tells the out-of-chat pager (`PageDispatcher`) that an incident's pages changed; nil without one.
    let wakeups: AsyncStream<Int64>.Continuation?

    /// The nicks the direct messages among `actions` go to, in order.
    static func messageTargets(_ actions: [ChatAction]) -> [String] {
        actions.compactMap { action in
            if case .message(let target, _) = action { return target }
            return nil
        }
    }

    /// Claims one chat attempt per page (`actions` holds their direct messages, in the order of `pages`) before
    /// they are sent, under `step` (`tier-2`, `manual-…`). A store error is logged and the page still goes: a
    /// page unrecorded beats a page unsent. Returns the attempt ids, nil where none was stored.
    func claim(_ pages: [Page], sentAs actions: [ChatAction], incidentID: Int64, step: String) async
        -> [String?]
    {
        var ids: [String?] = []
        let attempts = PageDesk.chatAttempts(
            for: pages, nicks: Self.messageTargets(actions), incidentID: incidentID, step: step, at: clock())
        for attempt in attempts {
            do {
                _ = try await store.claimPageAttempt(attempt)
                ids.append(attempt.id)
            } catch {
                logger.error("could not store a page attempt", metadata: ["attempt": "\(attempt.id)", "error": "\(error)"])
                ids.append(nil)
            }
        }
        if !ids.isEmpty { CrashPoint.reached(.pageClaimed) }
        return ids
    }

    /// The claimed chat attempts `ids` were handed to the network; the out-of-chat pager follows them up.
    func markSent(_ ids: [String?]) async {
        for id in ids.compactMap({ $0 }) {
            await update(id, status: .sent, reason: nil)
            metrics.page(method: "chat", outcome: .sent)
        }
        for incidentID in Set(ids.compactMap { $0.flatMap(PageAttempt.incidentID(ofKey:)) }) {
            wakeups?.yield(incidentID)
        }
    }

    /// Moves a stored attempt on; a store error is logged (the page itself already went or failed).
    func update(_ id: String, status: PageAttempt.Status, reason: String?) async {
        do { try await store.updatePageAttempt(id: id, status: status, reason: reason, at: clock()) } catch {
            logger.error("could not update a page attempt", metadata: ["attempt": "\(id)", "error": "\(error)"])
        }
    }
}
