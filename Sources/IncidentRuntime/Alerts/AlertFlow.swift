import SitrepCore

/// Alerts from monitoring, performed: records each webhook's alerts, then does what `AlertDesk` decides — declare
/// or attach, note changes on open incidents, and post the rest, grouped, in the announce channel.
/// `/declare from alert N` runs here too. Every declaration goes through `DeclarationFlow.openIncident`, exactly
/// as a person's `/declare`. It runs on the coordinator (an `isolated` parameter), whose desk claims the alerts
/// it declares in the same step that decides.
///
/// What is said about incidents (declared from alerts, alerts joining them) goes out at once, like a person's
/// `/declare`. The bulk posts (alerts no incident took) are coalesced per announce channel over time
/// (`AlertPostCoalescer`) and sent as `.post`, behind every reply and announcement, so an alert storm neither
/// floods the channel nor delays what people wait for.
enum AlertFlow {
    /// Takes one webhook call's alerts (in payload order) and returns what was done. Throws when the store
    /// fails (the hook answers 503, the sender retries; repeats are harmless).
    static func receive(_ notices: [AlertNotice], on coordinator: isolated IncidentCoordinator) async throws
        -> AlertIntakeSummary
    {
        let now = coordinator.clock()
        let recordings = try await coordinator.store.recordAlerts(notices, at: now)
        CrashPoint.reached(.alertStored)
        for notice in notices {
            // The generic hook's `source` is free text: only Alertmanager gets its own label value.
            let source = notice.source == "alertmanager" ? "alertmanager" : "generic"
            coordinator.metrics.alertReceived(source: source, status: notice.status.rawValue)
        }
        // After the recording's suspension: decide against the open incidents as they are now. The desk claims
        // the alerts it declares until the declaration ends.
        let triage = coordinator.alerts.alertsRecorded(recordings, isOpen: { coordinator.open.incident(id: $0) != nil })
        var summary = AlertIntakeSummary(received: notices.count, recordings: recordings, triage: triage)
        var announce: [AlertAnnouncement.Item] = []
        let announceChannels = coordinator.settings.announceChannels
        if let first = triage.declare.first {
            let incident = try await coordinator.withHints(for: announceChannels.first ?? "") {
                try await declare(
                    from: triage.declare, severity: triage.severity,
                    title: AlertTriage.incidentTitle(for: triage.declare), by: first.declarer, at: now, replyTo: nil,
                    on: coordinator)
            }
            summary.declared = [incident.id]
            announce += triage.declare.map {
                coordinator.alerts.item($0, .inIncident(id: incident.id, channel: incident.channel.name))
            }
        }
        if let id = triage.attachTo, !triage.attach.isEmpty {
            announce += try await attach(triage.attach, toIncident: id, at: now, on: coordinator)
        }
        await note(triage, at: now, on: coordinator)
        let posts = coordinator.alerts.postItems(triage)
        for channel in announceChannels {
            await coordinator.withHints(for: channel) {
                await coordinator.say(coordinator.alerts.lines(announce), to: channel)
            }
            await post(posts, to: channel, on: coordinator)
        }
        coordinator.logger.info(
            "alerts received",
            metadata: [
                "received": "\(summary.received)", "new": "\(summary.new)", "resolved": "\(summary.resolved)",
                "declared": "\(summary.declared)",
            ]
        )
        return summary
    }

    /// `/declare [sevN] from alert N [title]`: the incident takes the alert's title and the severity its labels
    /// name through the rules, unless given; an alert already part of an open incident is not declared again
    /// (the desk decides; see `AlertDesk.declareFromAlertRequested`).
    static func declare(
        fromAlert id: Int64, severity: Severity?, title: String?, from event: ChatEvent, replyTo target: String,
        on coordinator: isolated IncidentCoordinator
    ) async throws {
        let alert = try await coordinator.store.alert(id: id)
        // After the read's suspension: decided and claimed in one step against the incidents as they are now.
        let decision = coordinator.alerts.declareFromAlertRequested(
            id, alert: alert, severity: severity, title: title, openIncident: { coordinator.open.incident(id: $0) })
        switch decision {
        case .refuse(let reply):
            await coordinator.say([reply], to: target)
        case .declare(let alert, let severity, let title):
            _ = try await declare(
                from: [alert], severity: severity, title: title, by: event.sender, at: event.time, replyTo: target,
                on: coordinator)
        }
    }

    /// Opens an incident from `alerts` (claimed by the desk) through the one declaration path, links them,
    /// records them on its timeline (in the declaration's transaction) and lists them in its channel; the desk's
    /// claim ends with it.
    private static func declare(
        from alerts: [Alert], severity: Severity?, title: String, by declarer: Participant, at time: Timestamp,
        replyTo target: String?, on coordinator: isolated IncidentCoordinator
    ) async throws -> Incident {
        let ids = alerts.map(\.id)
        defer { coordinator.alerts.declarationEnded(ids) }
        let incident = try await DeclarationFlow.openIncident(
            severity: severity, title: title, by: declarer, at: time, replyTo: target, linkingAlerts: ids,
            alongside: { id in alerts.map { TimelineEntry.alert($0, .declared, incidentID: id, at: time) } },
            on: coordinator)
        CrashPoint.reached(.alertDeclared)
        let linked = try await coordinator.store.linkAlerts(ids: ids, toIncident: incident.id)
        let desk = coordinator.alerts
        var lines = desk.lines(linked.map { desk.item($0, .firing(hint: false), url: $0.url) })
        if target == nil {
            let numbers = linked.map { String($0.id) }.joined(separator: ", ")
            lines.insert(
                "declared automatically by the alert rules from alert \(numbers); \(command: "sev") and \(command: "lead") as usual",
                at: 0
            )
        }
        await coordinator.say(lines, to: incident.channel.name, recordingIn: incident.id)
        await DeclarationFlow.opened(incident, on: coordinator)
        return incident
    }

    /// Links new alerts of a group to the open incident another alert of the group belongs to, records them on
    /// its timeline and lists them in its channel; returns the announce-channel items.
    private static func attach(
        _ alerts: [Alert], toIncident id: Int64, at time: Timestamp, on coordinator: isolated IncidentCoordinator
    ) async throws -> [AlertAnnouncement.Item] {
        let linked = try await coordinator.store.linkAlerts(ids: alerts.map(\.id), toIncident: id)
        await coordinator.writer.append(linked.map { TimelineEntry.alert($0, .attached, incidentID: id, at: time) })
        let desk = coordinator.alerts
        guard let incident = coordinator.open.incident(id: id) else {
            return linked.map { desk.item($0, .firing(hint: false)) }
        }
        let lines = desk.lines(linked.map { desk.item($0, .firing(hint: false), url: $0.url) })
        await coordinator.say(lines, to: incident.channel.name, recordingIn: id)
        return linked.map { desk.item($0, .inIncident(id: id, channel: incident.channel.name)) }
    }

    /// Alerts of open incidents that resolved or fire again: a key event on the incident and a line in its channel.
    private static func note(_ triage: AlertTriage, at time: Timestamp, on coordinator: isolated IncidentCoordinator)
        async
    {
        for (id, noted) in coordinator.alerts.noteItems(triage) {
            await coordinator.writer.append(
                noted.map {
                    TimelineEntry.alert($0, $0.status == .resolved ? .resolved : .firingAgain, incidentID: id, at: time)
                }
            )
            guard let incident = coordinator.open.incident(id: id) else { continue }
            let desk = coordinator.alerts
            let items = noted.map { desk.item($0, $0.status == .resolved ? .resolved(incidentID: nil) : .firingAgain) }
            await coordinator.say(desk.lines(items), to: incident.channel.name, recordingIn: id)
        }
    }

    /// Sends bulk alert items to `channel` now if its window has room, else holds them for `AlertPostFlusher`.
    private static func post(
        _ items: [AlertAnnouncement.Item], to channel: String, on coordinator: isolated IncidentCoordinator
    ) async {
        guard !items.isEmpty else { return }
        let post = await coordinator.withHints(for: channel) { coordinator.alerts.post(items, to: channel, at: .now) }
        if let post { await send(post, on: coordinator) }
    }

    /// Sends the held alert posts that are due now.
    static func postDue(on coordinator: isolated IncidentCoordinator) async {
        // Held posts of every channel: written in the command form of the first announce channel's network.
        let first = coordinator.settings.announceChannels.first ?? ""
        let due = await coordinator.withHints(for: first) { coordinator.alerts.due(at: .now) }
        for post in due { await send(post, on: coordinator) }
    }

    private static func send(
        _ post: AlertPostCoalescer<ContinuousClock.Instant>.Post, on coordinator: isolated IncidentCoordinator
    ) async {
        await coordinator.network.perform(post.lines.map { ChatAction.post(target: post.channel, text: $0) })
    }
}
