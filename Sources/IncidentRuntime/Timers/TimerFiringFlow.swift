import Paging
import SitrepCore

/// A deadline passed, performed: the pure `TimerPlanner.fire` decides what the firing changes and sends; this
/// claims the timer, stores the firing with the incident's next plan and what it sends in one transaction, then
/// pages, invites and reminds in chat. It runs on the coordinator (an `isolated` parameter); state it checks
/// (`TimerDesk`'s queued firings, the open incident) is marked in the same step.
///
/// A crash before the transaction leaves the timer to fire late after the restart; a crash after it leaves the
/// next tier planned, and what was not confirmed sent is sent again after the restart (`resend`).
enum TimerFiringFlow {
    static func fire(_ timer: IncidentTimer, at now: Timestamp, on coordinator: isolated IncidentCoordinator) async {
        let cause = "timer \(timer.id)"
        let network = coordinator.network
        do {
            let botNick = await network.botNick()
            try await TimerArming.loadFired(of: timer.id.incidentID, on: coordinator)
            // A change may have made it moot since it was armed (an ack stops escalation): fire only what the
            // incident as it is now still plans.
            guard let armed = coordinator.open.incident(id: timer.id.incidentID),
                isPlanned(timer, for: armed, on: coordinator), await mayFire(on: coordinator)
            else { return }
            CrashPoint.reached(.timerClaimed)
            // What the firing sends needs the network (nicks, members), which suspends: a command may change the
            // incident meanwhile, and then the firing is worked out again from the incident as it is now.
            var incident = armed
            var firing: TimerFiring
            var sends: [ChatAction]
            // `schedule:NAME` targets mean whoever is on call as the timer fires.
            let policy = timer.id.kind == .escalation
                ? await coordinator.timerPolicy(at: now) : coordinator.settings.timerPolicy
            repeat {
                guard let current = coordinator.open.incident(id: timer.id.incidentID),
                    isPlanned(timer, for: current, on: coordinator)
                else { return }
                incident = current
                firing = TimerPlanner.fire(timer, for: incident, policy: policy, at: now, botNick: botNick)
                sends = await actions(of: firing, in: incident.channel.name, on: coordinator)
            } while coordinator.open.incident(id: timer.id.incidentID) != incident
            // From here until the firing is queued for the store nothing suspends.
            let channel = incident.channel.name
            let key = network.nameKey(channel)
            let nextPlan = coordinator.timerDesk.plan(
                after: timer, firing: firing.incident, pending: TimerArming.pending(of: incident.id, on: coordinator),
                now: now)
            coordinator.open.update(firing.incident, channelKey: key)
            coordinator.timerDesk.firingQueued(timer.id)
            let stored = StoredFiring(
                timer: timer.id, firedAt: now, incident: firing.incident, entries: firing.entries, nextPlan: nextPlan,
                effect: sends.isEmpty ? nil : StoredFiring.Effect(key: cause, payload: try EffectEchoes.encode(sends)))
            let didFire: Bool
            do { didFire = try await coordinator.writer.fire(stored) } catch {
                // Nothing was stored: the incident is as it was, and the timer is pending again.
                if coordinator.open.incident(id: incident.id) == firing.incident {
                    coordinator.open.update(incident, channelKey: key)
                }
                coordinator.timerDesk.firingFailed(timer.id)
                throw error
            }
            guard didFire else {
                // Claimed before (by an instance before this one): the store has the incident as it is now.
                if let current = try await coordinator.store.incident(id: incident.id) {
                    coordinator.open.update(current, channelKey: key)
                }
                return
            }
            CrashPoint.reached(.timerCommitted)
            coordinator.timers?.replace(incidentID: incident.id, with: nextPlan, network: network.networkID(for: channel))
            coordinator.metrics.timerFired(timer.id.kind, lateness: firing.lateness)
            let level = timer.id.kind == .escalation ? firing.incident.escalationLevel : nil
            let attempts = await coordinator.pageLog.claim(
                firing.pages, sentAs: sends, incidentID: incident.id, step: level.map { "tier-\($0)" } ?? timer.id.key)
            await coordinator.fence?.willSend(cause, sends)
            // Caused by the claimed firing: a network with idempotent sends posts them once, whoever sends.
            await ChatCause.$current.withValue(cause) { await send(sends, on: coordinator) }
            await coordinator.pageLog.markSent(attempts)
            PagingFlow.track(firing.pages, sentAs: sends, attemptIDs: attempts, incidentID: incident.id, level: level,
                on: coordinator)
            CrashPoint.reached(.timerSent)
            coordinator.logger.info(
                "timer fired",
                metadata: ["timer": "\(timer.id)", "late_ms": "\(firing.lateness.milliseconds)"])
            // A command that changed the incident while the firing was stored planned from the newer state.
            if let current = coordinator.open.incident(id: timer.id.incidentID) {
                await TimerArming.rearm(for: current, on: coordinator)
            }
            CrashPoint.reached(.timerReplanned)
        } catch {
            coordinator.logger.error("timer could not fire", metadata: ["timer": "\(timer.id)", "error": "\(error)"])
        }
    }

    /// What a firing sends, in order: its lines in the incident channel, the pages, the invitations of paged
    /// people not in the channel (a Matrix incident room is invite-only), the announcements.
    private static func actions(
        of firing: TimerFiring, in channel: String, on coordinator: isolated IncidentCoordinator
    ) async -> [ChatAction] {
        let lines = firing.channelLines.map { ChatAction.say(target: channel, text: $0) }
        let pages = await PagingFlow.actions(for: firing.pages, on: coordinator)
        let invitations = await PagingFlow.invitations(for: pages, to: channel, on: coordinator)
        let announcements = firing.announce.map { line in
            coordinator.settings.announceChannels.map { ChatAction.say(target: $0, text: line) }
        } ?? []
        return lines + pages + invitations + announcements
    }

    /// Sends a firing's actions in order: lines through `say`, so those in an incident channel are on its
    /// timeline; the rest as they are (the network sends invitations behind replies).
    private static func send(_ actions: [ChatAction], on coordinator: isolated IncidentCoordinator) async {
        for action in actions {
            if case .say(let target, let text) = action {
                await coordinator.say([text], to: target)
            } else {
                await coordinator.network.perform([action])
            }
        }
    }

    /// In an active/standby pair, whether this instance still holds the lease, asked of the store (it steps
    /// down when not). The firing's own transaction claims the timer: of two instances that both pass this check
    /// around a takeover, one stores the firing and sends it, the other finds it fired and sends nothing. A timer
    /// the dead instance checked but never stored is still pending, and the successor fires it.
    private static func mayFire(on coordinator: isolated IncidentCoordinator) async -> Bool {
        guard let fence = coordinator.fence else { return true }
        return await fence.permitsSending()
    }

    /// Whether the incident as it is now still plans `timer` (pure: no suspension).
    private static func isPlanned(
        _ timer: IncidentTimer, for incident: Incident, on coordinator: isolated IncidentCoordinator
    ) -> Bool {
        coordinator.timerDesk.isPlanned(
            timer, for: incident, pending: TimerArming.pending(of: incident.id, on: coordinator),
            now: coordinator.clock())
    }

    /// After a takeover or a restart: what the process before this one recorded and sent without the server's
    /// echo confirming it goes out again, marked, so a page lost with the dead process still reaches the person.
    static func resend(_ actions: [ChatAction], cause: String, on coordinator: isolated IncidentCoordinator) async {
        let marker = coordinator.fence?.resendMarker ?? ""
        // Under the original cause: where sends are idempotent (Matrix), what did arrive is not posted again.
        await ChatCause.$current.withValue(cause) { await resend(actions, marker: marker, on: coordinator) }
    }

    private static func resend(_ actions: [ChatAction], marker: String, on coordinator: isolated IncidentCoordinator)
        async
    {
        for action in actions {
            switch action {
            case .say(let target, let text): await coordinator.say([marker + text], to: target)
            case .message(let target, let text):
                await coordinator.network.perform([.message(target: target, text: marker + text)])
            default: await coordinator.network.perform([action])
            }
        }
    }
}
