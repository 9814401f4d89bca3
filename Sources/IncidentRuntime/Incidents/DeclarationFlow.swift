import SitrepCore

/// Opening an incident, the one path every declaration takes (a person's `/declare`, sitrep's own from alerts,
/// a declaration answered again after a restart): store first, then channel, topic, invitation, reply and
/// announcements, then its timers and the past incidents that look like it. The decision is the pure
/// `IncidentReducer.declare`; this performs it on the coordinator (an `isolated` parameter).
enum DeclarationFlow {
    /// `/declare`: opens an incident, then arms its timers and suggests past incidents.
    static func declare(
        severity: Severity?, title: String, from event: ChatEvent, replyTo target: String,
        on coordinator: isolated IncidentCoordinator
    ) async throws {
        let incident = try await openIncident(
            severity: severity, title: title, by: event.sender, at: event.time, replyTo: target, on: coordinator)
        await opened(incident, on: coordinator)
    }

    /// Opens an incident: store first (with `alongside` entries in the same transaction), then channel, topic,
    /// invitation, the declarer's reply and the announcement. Every declaration goes through here, a person's or
    /// sitrep's own from an alert (`target` nil: no reply and no invitation, since nobody typed a command).
    /// Call `opened` after anything the declaration still has to post in the new channel.
    static func openIncident(
        severity: Severity?, title: String, by sender: Participant, at time: Timestamp, replyTo target: String?,
        linkingAlerts alertIDs: [Int64] = [], alongside: @escaping @Sendable (Int64) -> [TimelineEntry] = { _ in [] },
        on coordinator: isolated IncidentCoordinator
    ) async throws -> Incident {
        try await coordinator.writer.drain()
        let network = coordinator.network
        let configuration = network.incidentConfiguration(coordinator.settings.incidents, declaredIn: target)
        let started = ContinuousClock.now
        let incident = try await coordinator.store.declare(
            { id in
                IncidentReducer.declare(id: id, severity: severity, title: title, by: sender, at: time,
                    configuration: configuration).incident
            },
            entries: { incident in
                IncidentReducer.declare(id: incident.id, severity: severity, title: title, by: sender, at: time,
                    configuration: configuration).entries + alongside(incident.id)
            }, linkingAlerts: alertIDs)
        let declaration = IncidentReducer.declare(
            id: incident.id, severity: severity, title: title, by: sender, at: time, configuration: configuration)
        coordinator.metrics.committed(.declare, entries: declaration.entries.count, duration: started.duration(to: .now))
        CrashPoint.reached(.declareCommitted)
        coordinator.open.update(incident, channelKey: network.nameKey(incident.channel.name))
        await send(
            incident, reply: declaration.reply, announce: declaration.announce, by: sender, replyTo: target,
            on: coordinator)
        coordinator.logger.info(
            "incident declared", metadata: ["incident": "\(incident.id)", "by": "\(sender.identity)"])
        return incident
    }

    /// A new incident's sends, in order: the channel joined and its topic set, `reply` to the declarer with their
    /// invitation (`target` nil: nobody typed a command, so neither), `announce` in every announce channel but the
    /// one declared in. A declaration answered again after a restart sends exactly these, in this order.
    static func send(
        _ incident: Incident, reply: String, announce: String?, by sender: Participant, replyTo target: String?,
        on coordinator: isolated IncidentCoordinator
    ) async {
        let network = coordinator.network
        let channel = incident.channel.name
        await network.perform([
            .join(channel: channel), .setTopic(channel: channel, topic: IncidentReducer.topic(for: incident)),
        ])
        if let target {
            // The declarer waits for the reply and the invitation: one batch, which the IRC edge sends ahead of
            // every other incident's pages (the reply first: InspIRCd holds a sender's lines after an INVITE).
            await coordinator.say([reply], to: target, then: [.awaitedInvite(nick: sender.nick, channel: channel)])
        }
        guard let announce else { return }
        for announceChannel in coordinator.settings.announceChannels
        where target.map({ network.nameKey(announceChannel) != network.nameKey($0) }) ?? true {
            await coordinator.say([announce], to: announceChannel)
        }
    }

    /// The end of every declaration: arms the new incident's timers and suggests past incidents in its channel.
    static func opened(_ incident: Incident, on coordinator: isolated IncidentCoordinator) async {
        await TimerArming.rearm(for: incident, on: coordinator)
        await suggest(for: incident, on: coordinator)
    }

    /// Posts the best past incidents and solutions for `incident` in its channel (nothing when none fits).
    /// A failure is logged, never shown: suggestions are a help, not part of the command.
    static func suggest(for incident: Incident, on coordinator: isolated IncidentCoordinator) async {
        do {
            let candidates = try await coordinator.knowledge.suggestionCandidates(for: incident, limit: 20)
            let lines = Suggestions.lines(Suggestions.rank(for: incident, candidates))
            await coordinator.say(lines, to: incident.channel.name, recordingIn: incident.id)
        } catch {
            coordinator.logger.warning(
                "suggestions failed", metadata: ["incident": "\(incident.id)", "error": "\(error)"])
        }
    }
}
