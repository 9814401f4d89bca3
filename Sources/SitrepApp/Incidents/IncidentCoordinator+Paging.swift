import Paging
import SitrepCore

/// The executor of paging: claims each page attempt in the store before it is sent, says how it went, traces a
/// "no such nick" answer to its page, and answers `!pages`. The decisions (who, which text, whether the tier
/// moves on, which attempts an acknowledgement marks) are made by the pure `TimerPlanner`, `PageText` and
/// `PageDesk`.
extension IncidentCoordinator {
    /// The direct messages for `pages`, each to the person's current nick on the network.
    func pageActions(_ pages: [Page]) async -> [ChatAction] {
        var actions: [ChatAction] = []
        for page in pages {
            actions.append(.message(target: await network.nick(for: page.person), text: page.text))
        }
        return actions
    }

    /// Sends a later round of a person's chat page (the out-of-chat pager's `PageTransports.chat`).
    public func sendRepeatedPage(incidentID: Int64, to nick: String, text: String) async {
        await network.perform([.message(target: nick, text: text)])
    }

    /// Remembers a round of pages just sent, so that the network's "no such nick" answer is traced to it.
    func trackPages(_ pages: [Page], sentAs actions: [ChatAction], attemptIDs: [String?], incidentID: Int64, level: Int?) {
        let nicks = ChatPageAttempts.messageTargets(actions)
        let recipients = zip(pages, nicks).enumerated().map { index, sent in
            PageDeliveries.Recipient(
                person: sent.0.person, key: network.nameKey(sent.1),
                attemptID: index < attemptIDs.count ? attemptIDs[index] : nil)
        }
        pageDesk.pagesSent(incidentID: incidentID, level: level, to: recipients, at: clock())
    }

    /// Pages for a manual `!escalate`: claims, sends them with an invitation into the incident channel, tracks
    /// them, records the responder rights they give, and returns the nicks paged (for the reply).
    func sendManualPages(_ pages: [Page], for incident: Incident, level: Int?, at time: Timestamp) async -> [String] {
        let actions = await pageActions(pages)
        let invitations = await invitations(for: actions, to: incident.channel.name)
        // `manual-…`: unlike a timer's `tier-N`, no effect fence keeps these lines for a resend after a crash.
        let step = level.map { "manual-tier-\($0)" } ?? "manual-\(time.milliseconds)"
        let ids = await pageLog.claim(pages, sentAs: actions, incidentID: incident.id, step: step)
        await network.perform(actions + invitations)
        await pageLog.markSent(ids)
        trackPages(pages, sentAs: actions, attemptIDs: ids, incidentID: incident.id, level: level)
        if !pages.isEmpty {
            await writer.append([
                TimelineEntry(
                    incidentID: incident.id, time: time, kind: .lifecycle,
                    author: await network.botNick(in: incident.channel.name),
                    text: PageText.rightsGranted(pages.map(\.person.name), in: incident), detail: .rightsPaged)
            ])
        }
        return ChatPageAttempts.messageTargets(actions)
    }

    /// The network answered that nobody named `nick` is on it (IRC 401): when that was a page, the page failed.
    /// It is stored and logged and said in the incident channel, and when nobody of that escalation step was
    /// reached and the incident is still not acknowledged, the next tier is paged now rather than when its timer
    /// is due.
    public func pageUndeliverable(to nick: String, at now: Timestamp) async {
        let decided = pageDesk.undeliverable(
            key: network.nameKey(nick), at: now, incident: { open.incident(id: $0) },
            otherMethods: settings.paging.methodsBeyondChat, pendingTimers: { timers?.timers(of: $0) ?? [] },
            network: { network.networkID(for: $0.channel.name) })
        guard let (incident, plan) = decided else { return }
        logger.warning(
            "page not delivered: nobody by that nick is on the network",
            metadata: ["incident": "\(incident.id)", "nick": "\(nick)", "person": "\(plan.failure.person)"])
        metrics.page(method: "chat", outcome: .failed)
        if let id = plan.attemptToFail {
            await pageLog.update(id, status: .failed, reason: PageDesk.notOnNetworkReason)
            // Their next method (an email) starts now.
            pageLog.wakeups?.yield(incident.id)
        }
        await say([plan.line], to: incident.channel.name)
        if let nextTimer = plan.fireNow { await timerFired(nextTimer, at: now) }
    }

    /// The incident was acknowledged (first `!ack`) by `person`: paging stops; their attempts that reached them
    /// are marked acknowledged (as `PageDesk.acknowledged` picks them), and the time from the first page is
    /// measured.
    func pagesAcknowledged(_ incident: Incident, by person: ChatIdentity, at time: Timestamp) async {
        let attempts = (try? await store.pageAttempts(incidentID: incident.id)) ?? []
        let reached = pageDesk.acknowledged(incidentID: incident.id, by: person, attempts: attempts)
        guard let first = attempts.first else { return }
        metrics.acknowledgedAfterPage(first.queuedAt.duration(to: time))
        for attempt in reached {
            await pageLog.update(attempt.id, status: .acknowledged, reason: nil)
            metrics.page(method: attempt.method, outcome: .acknowledged)
        }
    }

    /// At start: chat attempts claimed by a process that died before it could say how the send went (status
    /// queued) go out again while their incident is open and not acknowledged; the rest are closed as failed
    /// (`PageDesk.resumption` decides).
    func resumeQueuedPages() async {
        guard let queued = try? await store.queuedPageAttempts() else { return }
        for attempt in queued where attempt.method == "chat" {
            switch PageDesk.resumption(
                of: attempt, openIncident: open.incident(id: attempt.incidentID), fenced: fence != nil)
            {
            case .fail(let reason):
                await pageLog.update(attempt.id, status: .failed, reason: reason)
            case .send(let text):
                if let text { await network.perform([.message(target: attempt.address, text: text)]) }
                await pageLog.update(attempt.id, status: .sent, reason: "sent again after a restart")
                metrics.page(method: "chat", outcome: .sent)
                logger.info("page sent again after a restart", metadata: ["attempt": "\(attempt.id)"])
            }
        }
    }
}
