import Paging
import SitrepCore

extension IncidentCoordinator {
    /// Plans the incident's deadlines again after a change and arms them at once (so nothing stale fires after
    /// the change is confirmed); returns the plan for `storeTimers`, or nil when nothing changed (most commands
    /// leave the deadlines alone: no store write then). `newReminders` are `/remind` timers to add.
    func replanTimers(for incident: Incident, adding newReminders: [IncidentTimer] = []) async -> [IncidentTimer]? {
        guard let timers else { return nil }
        do {
            let plan = try await plannedTimers(for: incident, adding: newReminders)
            guard Set(plan) != Set(timers.timers(of: incident.id)) else { return nil }
            timers.replace(
                incidentID: incident.id, with: plan, network: network.networkID(for: incident.channel.name))
            return plan
        } catch {
            logger.error("could not plan timers", metadata: ["incident": "\(incident.id)", "error": "\(error)"])
            return nil
        }
    }

    /// Stores a plan, so a restart re-arms exactly these timers.
    func storeTimers(_ plan: [IncidentTimer]?, of incident: Incident) async {
        guard let plan else { return }
        do {
            try await store.replaceTimers(incidentID: incident.id, with: plan)
        } catch {
            logger.error("could not store timers", metadata: ["incident": "\(incident.id)", "error": "\(error)"])
        }
    }

    /// Replans, arms and stores in one go (where no reply is waiting).
    func rearmTimers(for incident: Incident) async {
        await storeTimers(await replanTimers(for: incident), of: incident)
    }

    private func plannedTimers(for incident: Incident, adding newReminders: [IncidentTimer]) async throws
        -> [IncidentTimer]
    {
        try await loadFiredTimers(of: incident.id)
        return timerDesk.plan(
            for: incident, pending: timers?.timers(of: incident.id) ?? [], adding: newReminders, now: clock())
    }

    /// Makes sure the desk knows which of the incident's timers already fired: read from the store once, then
    /// kept up to date by the desk.
    private func loadFiredTimers(of incidentID: Int64) async throws {
        guard timerDesk.knownFired(of: incidentID) == nil else { return }
        timerDesk.firedLoaded(try await store.firedTimers(incidentID: incidentID), of: incidentID)
    }

    /// The timers pending for an incident (armed in the timer service).
    private func pendingTimers(of incidentID: Int64) -> [IncidentTimer] {
        timers?.timers(of: incidentID) ?? []
    }

    /// Plans every open incident's timers again from what the store says happened (its state, the timers that
    /// fired, the `/remind` timers pending), stores the plans that differ, and arms them (at start). A process
    /// that died between two steps of a firing or a command leaves no escalation unplanned.
    func loadTimers() async throws {
        guard let timers else { return }
        let stored = Dictionary(grouping: try await store.pendingTimers(), by: \.id.incidentID)
        var armed: [IncidentTimer] = []
        var replanned = 0
        for incident in open.all {
            let pending = stored[incident.id] ?? []
            try await loadFiredTimers(of: incident.id)
            let plan = timerDesk.plan(for: incident, pending: pending, now: clock())
            if Set(plan) != Set(pending) {
                try await store.replaceTimers(incidentID: incident.id, with: plan)
                replanned += 1
            }
            armed += plan
        }
        let networks = Dictionary(
            open.all.map { ($0.id, network.networkID(for: $0.channel.name)) }, uniquingKeysWith: { first, _ in first })
        timers.load(armed, networks: networks)
        logger.info("timers armed", metadata: ["pending": "\(armed.count)", "replanned": "\(replanned)"])
    }

    /// A deadline passed: claim it, and in the same transaction record the firing, store the incident's next
    /// plan and what the firing sends; then page and remind in chat. A crash before that transaction leaves the
    /// timer to fire late after the restart; a crash after it leaves the next tier planned, and what was not
    /// confirmed sent is sent again after the restart (`EffectFence.takeUnconfirmed`).
    public func timerFired(_ timer: IncidentTimer, at now: Timestamp) async {
        guard let incident = open.incident(id: timer.id.incidentID) else { return }
        await withHints(for: incident.channel.name) { await fire(timer, at: now) }
    }

    private func fire(_ timer: IncidentTimer, at now: Timestamp) async {
        let cause = "timer \(timer.id)"
        do {
            let botNick = await network.botNick()
            try await loadFiredTimers(of: timer.id.incidentID)
            // A change may have made it moot since it was armed (an ack stops escalation): fire only what the
            // incident as it is now still plans.
            guard let armed = open.incident(id: timer.id.incidentID), isPlanned(timer, for: armed), await mayFire()
            else { return }
            CrashPoint.reached(.timerClaimed)
            // What the firing sends needs the network (nicks, members), which suspends: a command may change the
            // incident meanwhile, and then the firing is worked out again from the incident as it is now.
            var incident = armed
            var firing: TimerFiring
            var sends: [ChatAction]
            // `schedule:NAME` targets mean whoever is on call as the timer fires.
            let policy = timer.id.kind == .escalation ? await timerPolicy(at: now) : settings.timerPolicy
            repeat {
                guard let current = open.incident(id: timer.id.incidentID), isPlanned(timer, for: current) else { return }
                incident = current
                firing = TimerPlanner.fire(timer, for: incident, policy: policy, at: now, botNick: botNick)
                sends = await firingActions(firing, in: incident.channel.name)
            } while open.incident(id: timer.id.incidentID) != incident
            // From here until the firing is queued for the store nothing suspends.
            let channel = incident.channel.name
            let nextPlan = timerDesk.plan(
                after: timer, firing: firing.incident, pending: pendingTimers(of: incident.id), now: now)
            open.update(firing.incident, channelKey: network.nameKey(channel))
            timerDesk.firingQueued(timer.id)
            let stored = StoredFiring(
                timer: timer.id, firedAt: now, incident: firing.incident, entries: firing.entries, nextPlan: nextPlan,
                effect: sends.isEmpty ? nil : StoredFiring.Effect(key: cause, payload: try EffectEchoes.encode(sends)))
            let didFire: Bool
            do { didFire = try await writer.fire(stored) } catch {
                // Nothing was stored: the incident is as it was, and the timer is pending again.
                if open.incident(id: incident.id) == firing.incident { open.update(incident, channelKey: network.nameKey(channel)) }
                timerDesk.firingFailed(timer.id)
                throw error
            }
            guard didFire else {
                // Claimed before (by an instance before this one): the store has the incident as it is now.
                if let current = try await store.incident(id: incident.id) { open.update(current, channelKey: network.nameKey(channel)) }
                return
            }
            CrashPoint.reached(.timerCommitted)
            timers?.replace(incidentID: incident.id, with: nextPlan, network: network.networkID(for: channel))
            metrics.timerFired(timer.id.kind, lateness: firing.lateness)
            let level = timer.id.kind == .escalation ? firing.incident.escalationLevel : nil
            let attempts = await pageLog.claim(
                firing.pages, sentAs: sends, incidentID: incident.id, step: level.map { "tier-\($0)" } ?? timer.id.key)
            await fence?.willSend(cause, sends)
            // Caused by the claimed firing: a network with idempotent sends posts them once, whoever sends.
            await ChatCause.$current.withValue(cause) { await send(sends) }
            await pageLog.markSent(attempts)
            trackPages(firing.pages, sentAs: sends, attemptIDs: attempts, incidentID: incident.id, level: level)
            CrashPoint.reached(.timerSent)
            logger.info(
                "timer fired",
                metadata: ["timer": "\(timer.id)", "late_ms": "\(firing.lateness.milliseconds)"])
            // A command that changed the incident while the firing was stored planned from the newer state.
            if let current = open.incident(id: timer.id.incidentID) { await rearmTimers(for: current) }
            CrashPoint.reached(.timerReplanned)
        } catch {
            logger.error("timer could not fire", metadata: ["timer": "\(timer.id)", "error": "\(error)"])
        }
    }

    /// What a firing sends, in order: its lines in the incident channel, the pages, the invitations of paged
    /// people not in the channel (a Matrix incident room is invite-only), the announcements.
    private func firingActions(_ firing: TimerFiring, in channel: String) async -> [ChatAction] {
        let lines = firing.channelLines.map { ChatAction.say(target: channel, text: $0) }
        let pages = await pageActions(firing.pages)
        let invitations = await invitations(for: pages, to: channel)
        let announcements = firing.announce.map { line in
            settings.announceChannels.map { ChatAction.say(target: $0, text: line) }
        } ?? []
        return lines + pages + invitations + announcements
    }

    /// Sends a firing's actions in order: lines through `say`, so those in an incident channel are on its
    /// timeline; the rest as they are (the network sends invitations behind replies).
    private func send(_ actions: [ChatAction]) async {
        for action in actions {
            if case .say(let target, let text) = action {
                await say([text], to: target)
            } else {
                await network.perform([action])
            }
        }
    }

    /// In an active/standby pair, whether this instance still holds the lease, asked of the store (it steps
    /// down when not). The firing's own transaction claims the timer: of two instances that both pass this check
    /// around a takeover, one stores the firing and sends it, the other finds it fired and sends nothing. A timer
    /// the dead instance checked but never stored is still pending, and the successor fires it.
    private func mayFire() async -> Bool {
        guard let fence else { return true }
        return await fence.permitsSending()
    }

    /// Whether the incident as it is now still plans `timer` (pure: no suspension).
    private func isPlanned(_ timer: IncidentTimer, for incident: Incident) -> Bool {
        timerDesk.isPlanned(timer, for: incident, pending: pendingTimers(of: incident.id), now: clock())
    }

    /// An invitation into `channel` for each person a page goes to who is not in it already
    /// (`PageDesk.invitations` decides from its members).
    func invitations(for pages: [ChatAction], to channel: String) async -> [ChatAction] {
        let members = await network.members(of: channel)
        return PageDesk.invitations(for: pages, into: channel, members: members, nameKey: { network.nameKey($0) })
    }

    /// After a takeover or a restart: what the process before this one recorded and sent without the server's
    /// echo confirming it goes out again, marked, so a page lost with the dead process still reaches the person.
    func resend(_ actions: [ChatAction], cause: String) async {
        let marker = fence?.resendMarker ?? ""
        // Under the original cause: where sends are idempotent (Matrix), what did arrive is not posted again.
        await ChatCause.$current.withValue(cause) { await resendMarked(actions, marker: marker) }
    }

    private func resendMarked(_ actions: [ChatAction], marker: String) async {
        for action in actions {
            switch action {
            case .say(let target, let text): await say([marker + text], to: target)
            case .message(let target, let text): await network.perform([.message(target: target, text: marker + text)])
            default: await network.perform([action])
            }
        }
    }

    /// The lead spoke in the incident channel: the quiet-commander clock starts again (replanned at most
    /// every `TimerDesk.leadActivityResolution`, so a chatty lead does not cost a store write per line).
    func leadSpoke(in incident: Incident, at time: Timestamp) async {
        guard let updated = timerDesk.leadSpoke(in: incident, at: time) else { return }
        open.update(updated, channelKey: network.nameKey(incident.channel.name))
        await rearmTimers(for: updated)
    }
}
