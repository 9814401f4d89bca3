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
        let fired = try await firedTimers(of: incident.id)
        let reminders = (timers?.timers(of: incident.id) ?? []).filter { $0.id.kind == .reminder } + newReminders
        return TimerPlanner.plan(
            for: incident, policy: settings.timerPolicy, reminders: reminders, fired: fired, now: clock())
    }

    /// The ids of the incident's timers that already fired: read from the store once, then kept up to date here.
    private func firedTimers(of incidentID: Int64) async throws -> Set<IncidentTimer.ID> {
        if let known = firedTimerIDs[incidentID] { return known }
        let stored = try await store.firedTimers(incidentID: incidentID)
        firedTimerIDs[incidentID] = stored
        return stored
    }

    /// Re-arms every stored pending timer (at start).
    func loadTimers() async throws {
        guard let timers else { return }
        let pending = try await store.pendingTimers()
        let networks = Dictionary(
            open.all.map { ($0.id, network.networkID(for: $0.channel.name)) }, uniquingKeysWith: { first, _ in first })
        timers.load(pending, networks: networks)
        logger.info("timers armed", metadata: ["pending": "\(pending.count)"])
    }

    /// A deadline passed: claim it (so it never fires twice), record it, then page and remind in chat.
    public func timerFired(_ timer: IncidentTimer, at now: Timestamp) async {
        guard open.incident(id: timer.id.incidentID) != nil else { return }
        do {
            let botNick = await network.botNick()
            let fired = try await firedTimers(of: timer.id.incidentID)
            // A change may have made it moot since it was armed (an ack stops escalation): fire only what the
            // incident as it is now still plans.
            guard let armed = open.incident(id: timer.id.incidentID), isPlanned(timer, for: armed, fired: fired),
                try await claimFenced(timer, at: now), try await store.claimTimer(timer.id, at: now)
            else { return }
            firedTimerIDs[timer.id.incidentID, default: []].insert(timer.id)
            // From here to `open.update` nothing suspends: the firing applies to the incident as it is now (a
            // command may have changed it while the claim was in flight).
            guard let incident = open.incident(id: timer.id.incidentID), isPlanned(timer, for: incident, fired: fired)
            else { return }
            let firing = TimerPlanner.fire(timer, for: incident, policy: settings.timerPolicy, at: now, botNick: botNick)
            let channel = incident.channel.name
            open.update(firing.incident, channelKey: network.nameKey(channel))
            try await writer.commit(firing.incident, entries: firing.entries)
            metrics.timerFired(timer.id.kind, lateness: firing.lateness)
            let pages = await pageActions(firing.pages)
            let invitations = await invitations(for: pages, to: channel)
            let announcements = firing.announce.map { line in
                settings.announceChannels.map { ChatAction.say(target: $0, text: line) }
            } ?? []
            if let fence {
                let lines = firing.channelLines.map { ChatAction.say(target: channel, text: $0) }
                await fence.willSend("timer \(timer.id)", lines + pages + invitations + announcements)
            }
            // Caused by the claimed firing: a network with idempotent sends posts them once, whoever sends.
            await ChatCause.$current.withValue("timer \(timer.id)") {
                await say(firing.channelLines, to: channel)
                // Paged people are also invited into the incident's channel or room, as `/escalate` does (a
                // Matrix incident room is invite-only). The network sends invitations behind replies.
                await network.perform(pages + invitations)
                for case .say(let announceChannel, let line) in announcements { await say([line], to: announceChannel) }
            }
            logger.info(
                "timer fired",
                metadata: ["timer": "\(timer.id)", "late_ms": "\(firing.lateness.milliseconds)"])
            if let current = open.incident(id: timer.id.incidentID) { await rearmTimers(for: current) }
        } catch {
            logger.error("timer could not fire", metadata: ["timer": "\(timer.id)", "error": "\(error)"])
        }
    }

    /// In an active/standby pair, claims the firing under the lease first: false when an earlier active instance
    /// claimed it (it may have sent it before dying), and then the timer is marked fired so it is not loaded
    /// again. Throws when this instance lost the lease.
    private func claimFenced(_ timer: IncidentTimer, at now: Timestamp) async throws -> Bool {
        guard let fence else { return true }
        if try await fence.claim("timer \(timer.id)") { return true }
        _ = try await store.claimTimer(timer.id, at: now)
        firedTimerIDs[timer.id.incidentID, default: []].insert(timer.id)
        logger.info("timer already fired by the instance before this one", metadata: ["timer": "\(timer.id)"])
        return false
    }

    /// Whether the incident as it is now still plans `timer` (pure: no suspension).
    private func isPlanned(_ timer: IncidentTimer, for incident: Incident, fired: Set<IncidentTimer.ID>) -> Bool {
        let reminders = (timers?.timers(of: incident.id) ?? []).filter { $0.id.kind == .reminder }
        let withThis = timer.id.kind == .reminder ? reminders + [timer] : reminders
        return TimerPlanner.plan(
            for: incident, policy: settings.timerPolicy, reminders: withThis, fired: fired.subtracting([timer.id]),
            now: clock()
        ).contains { $0.id == timer.id }
    }

    /// Direct messages to people, by their current nick on the network.
    func page(_ pages: [Page]) async {
        await network.perform(await pageActions(pages))
    }

    private func pageActions(_ pages: [Page]) async -> [ChatAction] {
        var actions: [ChatAction] = []
        for page in pages {
            actions.append(.message(target: await network.nick(for: page.person), text: page.text))
        }
        return actions
    }

    /// An invitation into `channel` for each person a page goes to who is not in it (or invited) already: a
    /// page repeated every few minutes does not repeat the invitation once they came.
    func invitations(for pages: [ChatAction], to channel: String) async -> [ChatAction] {
        let members = await network.members(of: channel)
        let present = Set(members.flatMap { [network.nameKey($0.nick), network.nameKey($0.identity.name)] })
        return pages.compactMap { page in
            guard case .message(let person, _) = page, !present.contains(network.nameKey(person)) else { return nil }
            return .invite(nick: person, channel: channel)
        }
    }

    /// After a takeover: what the previous instance claimed and sent without the server's echo confirming it
    /// goes out again, marked, so a page lost with the dead instance still reaches the person.
    func resend(_ actions: [ChatAction], cause: String) async {
        let marker = "(sent again after a failover; it may repeat) "
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

    /// `/timers`: what is pending for the incident and when.
    func describeTimers(of incident: Incident) -> [String] {
        guard let timers else { return ["timers are not running"] }
        let pending = timers.timers(of: incident.id)
        guard !pending.isEmpty else { return ["INC-\(incident.id): no timers pending"] }
        return TimerPlanner.describe(pending, now: clock())
    }

    /// The lead spoke in the incident channel: the quiet-commander clock starts again (replanned at most
    /// every `leadActivityResolution`, so a chatty lead does not cost a store write per line).
    func leadSpoke(in incident: Incident, at time: Timestamp) async {
        guard settings.timerPolicy.timers(for: incident.severity).quietCommanderAfter != nil else { return }
        if let last = incident.leadLastSpokeAt, last.duration(to: time) < Self.leadActivityResolution { return }
        var updated = incident
        updated.leadLastSpokeAt = time
        open.update(updated, channelKey: network.nameKey(incident.channel.name))
        await rearmTimers(for: updated)
    }

    static var leadActivityResolution: Duration { .seconds(30) }
}
