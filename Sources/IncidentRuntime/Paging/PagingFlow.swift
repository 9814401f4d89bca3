import Paging
import SitrepCore

/// The executor of chat paging: claims each page attempt in the store before it is sent, says how it went, traces
/// a "no such nick" answer to its page, marks what an acknowledgement reached, and resumes pages a dead process
/// left queued. The decisions (who, which text, whether the tier moves on, which attempts an acknowledgement
/// marks) are made by the pure `TimerPlanner`, `PageText` and `PageDesk`; this runs on the coordinator (an
/// `isolated` parameter), whose `PageDesk` remembers the pages sent lately.
enum PagingFlow {
    /// The direct messages for `pages`, each to the person's current nick on the network.
    static func actions(for pages: [Page], on coordinator: isolated IncidentCoordinator) async -> [ChatAction] {
        var actions: [ChatAction] = []
        for page in pages {
            actions.append(.message(target: await coordinator.network.nick(for: page.person), text: page.text))
        }
        return actions
    }

    /// An invitation into `channel` for each person a page goes to who is not in it already
    /// (`PageDesk.invitations` decides from its members).
    static func invitations(for pages: [ChatAction], to channel: String, on coordinator: isolated IncidentCoordinator)
        async -> [ChatAction]
    {
        let network = coordinator.network
        let members = await network.members(of: channel)
        return PageDesk.invitations(for: pages, into: channel, members: members, nameKey: { network.nameKey($0) })
    }

    /// Remembers a round of pages just sent, so that the network's "no such nick" answer is traced to it.
    static func track(
        _ pages: [Page], sentAs actions: [ChatAction], attemptIDs: [String?], incidentID: Int64, level: Int?,
        on coordinator: isolated IncidentCoordinator
    ) {
        let nicks = ChatPageAttempts.messageTargets(actions)
        let recipients = zip(pages, nicks).enumerated().map { index, sent in
            PageDeliveries.Recipient(
                person: sent.0.person, key: coordinator.network.nameKey(sent.1),
                attemptID: index < attemptIDs.count ? attemptIDs[index] : nil)
        }
        coordinator.pageDesk.pagesSent(incidentID: incidentID, level: level, to: recipients, at: coordinator.clock())
    }

    /// Pages for a manual `!escalate`: claims, sends them with an invitation into the incident channel, tracks
    /// them, records the responder rights they give, and returns the nicks paged (for the reply).
    static func sendManualPages(
        _ pages: [Page], for incident: Incident, level: Int?, at time: Timestamp,
        on coordinator: isolated IncidentCoordinator
    ) async -> [String] {
        let network = coordinator.network
        let actions = await actions(for: pages, on: coordinator)
        let invitations = await invitations(for: actions, to: incident.channel.name, on: coordinator)
        // `manual-…`: unlike a timer's `tier-N`, no effect fence keeps these lines for a resend after a crash.
        let step = level.map { "manual-tier-\($0)" } ?? "manual-\(time.milliseconds)"
        let ids = await coordinator.pageLog.claim(pages, sentAs: actions, incidentID: incident.id, step: step)
        await network.perform(actions + invitations)
        await coordinator.pageLog.markSent(ids)
        track(pages, sentAs: actions, attemptIDs: ids, incidentID: incident.id, level: level, on: coordinator)
        if !pages.isEmpty {
            await coordinator.writer.append([
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
    static func undeliverable(to nick: String, at now: Timestamp, on coordinator: isolated IncidentCoordinator) async {
        let network = coordinator.network
        let decided = coordinator.pageDesk.undeliverable(
            key: network.nameKey(nick), at: now, incident: { coordinator.open.incident(id: $0) },
            otherMethods: coordinator.settings.methodsBeyondChat,
            pendingTimers: { coordinator.timers?.timers(of: $0) ?? [] },
            network: { network.networkID(for: $0.channel.name) })
        guard let (incident, plan) = decided else { return }
        coordinator.logger.warning(
            "page not delivered: nobody by that nick is on the network",
            metadata: ["incident": "\(incident.id)", "nick": "\(nick)", "person": "\(plan.failure.person)"])
        coordinator.metrics.page(method: "chat", outcome: .failed)
        if let id = plan.attemptToFail {
            await coordinator.pageLog.update(id, status: .failed, reason: PageDesk.notOnNetworkReason)
            // Their next method (an email) starts now.
            coordinator.pageLog.wakeups?.yield(incident.id)
        }
        await coordinator.say([plan.line], to: incident.channel.name)
        if let nextTimer = plan.fireNow { await coordinator.timerFired(nextTimer, at: now) }
    }

    /// The incident was acknowledged (first `!ack`) by `person`: paging stops; their attempts that reached them
    /// are marked acknowledged (as `PageDesk.acknowledged` picks them), and the time from the first page is
    /// measured.
    static func acknowledged(
        _ incident: Incident, by person: ChatIdentity, at time: Timestamp, on coordinator: isolated IncidentCoordinator
    ) async {
        let attempts = (try? await coordinator.store.pageAttempts(incidentID: incident.id)) ?? []
        let reached = coordinator.pageDesk.acknowledged(incidentID: incident.id, by: person, attempts: attempts)
        guard let first = attempts.first else { return }
        coordinator.metrics.acknowledgedAfterPage(first.queuedAt.duration(to: time))
        for attempt in reached {
            await coordinator.pageLog.update(attempt.id, status: .acknowledged, reason: nil)
            coordinator.metrics.page(method: attempt.method, outcome: .acknowledged)
        }
    }

    /// At start: chat attempts claimed by a process that died before it could say how the send went (status
    /// queued) go out again while their incident is open and not acknowledged; the rest are closed as failed
    /// (`PageDesk.resumption` decides).
    static func resumeQueued(on coordinator: isolated IncidentCoordinator) async {
        guard let queued = try? await coordinator.store.queuedPageAttempts() else { return }
        let pageLog = coordinator.pageLog
        for attempt in queued where attempt.method == "chat" {
            let openIncident = coordinator.open.incident(id: attempt.incidentID)
            switch PageDesk.resumption(of: attempt, openIncident: openIncident, fenced: coordinator.fence != nil) {
            case .fail(let reason):
                await pageLog.update(attempt.id, status: .failed, reason: reason)
            case .send(let text):
                if let text { await coordinator.network.perform([.message(target: attempt.address, text: text)]) }
                await pageLog.update(attempt.id, status: .sent, reason: "sent again after a restart")
                coordinator.metrics.page(method: "chat", outcome: .sent)
                coordinator.logger.info("page sent again after a restart", metadata: ["attempt": "\(attempt.id)"])
            }
        }
    }
}
