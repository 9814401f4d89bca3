import SitrepCore

/// Sending a pass's attempts: every incident's together, the incidents taking turns, a bounded number at a time.
extension PageDispatcher {
    /// The most attempts sent at the same time: mail servers limit the connections one client may hold open, and
    /// a thousand pages at once would otherwise open a thousand (see the paging benchmark in the README).
    static let concurrentSends = 16

    /// One incident's attempts for this pass: `claimed` ones (a resend, a retry) and `claiming` ones (due now).
    struct Batch {
        var incident: Incident
        /// The incident's commands prefix, for "type !ack".
        var prefix: String
        var claimed: [PageAttempt]
        var claiming: [PageAttempt]
    }

    /// Sends every batch's attempts, the incidents taking turns, `concurrentSends` at a time: a claimed one as it
    /// is, a due one claimed (stamped `queued` now) when a slot is free (one the store already holds is someone
    /// else's), so the first pages leave while later ones are not claimed yet. Records how each went. False when
    /// the store could not claim (that incident's other due attempts wait for the next pass; the sends under way
    /// finish first).
    func send(_ batches: [Batch]) async -> Bool {
        var stored = true
        var refused: Set<Int64> = []
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for (batch, planned, isClaimed) in Self.takingTurns(batches) where !refused.contains(planned.incidentID) {
                // A free slot first, so an attempt is claimed only when it can go at once.
                if running == Self.concurrentSends {
                    await group.next()
                    running -= 1
                }
                var attempt = planned
                if !isClaimed {
                    attempt.queuedAt = clock()  // claimed now, not when the pass began
                    do {
                        guard try await store.claimPageAttempt(attempt) else { continue }
                    } catch {
                        if !Task.isCancelled {
                            logger.error(
                                "could not claim a page", metadata: ["attempt": "\(attempt.id)", "error": "\(error)"])
                        }
                        refused.insert(attempt.incidentID)
                        stored = false
                        continue
                    }
                }
                CrashPoint.reached(.outOfChatPageClaimed)
                let outgoing = OutgoingPage(
                    attempt, for: batch.incident, prefix: batch.prefix, links: links, now: clock(),
                    webhook: { [paging] in paging.person($0)?.webhook })
                inFlight.insert(attempt.id)
                running += 1
                group.addTask {
                    await self.deliver(attempt, outgoing)
                    await self.landed(attempt.id)
                }
            }
        }
        return stored
    }

    /// The batches' attempts with the incidents taking turns (first of each, second of each, …), each marked
    /// whether it is claimed already.
    static func takingTurns(_ batches: [Batch]) -> [(Batch, PageAttempt, Bool)] {
        let queues = batches.map { batch in
            batch.claimed.map { (batch, $0, true) } + batch.claiming.map { (batch, $0, false) }
        }
        let longest = queues.map(\.count).max() ?? 0
        return (0..<longest).flatMap { index in queues.compactMap { index < $0.count ? $0[index] : nil } }
    }

    func landed(_ attemptID: String) {
        inFlight.remove(attemptID)
    }
}
