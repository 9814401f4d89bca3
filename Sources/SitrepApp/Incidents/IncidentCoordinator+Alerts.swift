import SitrepCore

/// Alerts from monitoring: record each webhook's alerts, apply the rules (`AlertTriage`), declare or attach,
/// note changes on open incidents, and post the rest, grouped, in the announce channel. `/declare from alert N`
/// runs here too. Every declaration goes through `openIncident`, exactly as a person's `/declare`.
///
/// What is said about incidents (declared from alerts, alerts joining them) goes out at once, like a person's
/// `/declare`. The bulk posts (alerts no incident took) are coalesced per announce channel over time
/// (`AlertPostCoalescer`) and sent as `.post`, behind every reply and announcement, so an alert storm neither
/// floods the channel nor delays what people wait for.
extension IncidentCoordinator {
    /// Takes one webhook call's alerts (in payload order) and returns what was done. Throws when the store
    /// fails (the hook answers 503, the sender retries; repeats are harmless).
    public func receiveAlerts(_ notices: [AlertNotice]) async throws -> AlertIntakeSummary {
        let now = clock()
        let recordings = try await store.recordAlerts(notices, at: now)
        CrashPoint.reached(.alertStored)
        for notice in notices {
            // The generic hook's `source` is free text: only Alertmanager gets its own label value.
            let source = notice.source == "alertmanager" ? "alertmanager" : "generic"
            metrics.alertReceived(source: source, status: notice.status.rawValue)
        }
        // After the recording's suspension: decide against the open incidents as they are now.
        let policy = settings.alertPolicy
        let triage = AlertTriage.plan(
            recordings,
            policy: policy,
            isOpen: { open.incident(id: $0) != nil },
            busy: declaringAlerts
        )
        var summary = AlertIntakeSummary(received: notices.count, recordings: recordings, triage: triage)
        var announce: [AlertAnnouncement.Item] = []
        if let first = triage.declare.first {
            let incident = try await withHints(for: settings.announceChannels.first ?? "") {
                try await declare(
                    from: triage.declare, severity: triage.severity,
                    title: AlertTriage.incidentTitle(for: triage.declare), by: first.declarer, at: now, replyTo: nil)
            }
            summary.declared = [incident.id]
            announce += triage.declare.map { item($0, .inIncident(id: incident.id, channel: incident.channel.name)) }
        }
        if let id = triage.attachTo, !triage.attach.isEmpty {
            announce += try await attach(triage.attach, toIncident: id, at: now)
        }
        await note(triage.notes, at: now)
        let posts = triage.posts.map { alert in
            item(alert, alert.status == .firing ? .firing(hint: true) : .resolved(incidentID: alert.incidentID))
        }
        for channel in settings.announceChannels {
            await withHints(for: channel) {
                await say(AlertAnnouncement.lines(announce, maxLines: policy.maxLines), to: channel)
            }
            await post(posts, to: channel)
        }
        logger.info(
            "alerts received",
            metadata: [
                "received": "\(summary.received)", "new": "\(summary.new)", "resolved": "\(summary.resolved)",
                "declared": "\(summary.declared)",
            ]
        )
        return summary
    }

    /// `/declare [sevN] from alert N [title]`: the incident takes the alert's title and the severity its labels
    /// name through the rules, unless given; an alert already part of an open incident is not declared again.
    func declare(
        fromAlert id: Int64,
        severity: Severity?,
        title: String?,
        from event: ChatEvent,
        replyTo target: String
    ) async throws {
        guard let alert = try await store.alert(id: id) else {
            await say(
                ["no alert \(id): alert numbers are in the alert announcements; usage: \(CommandHint.render(Self.declareUsage))"],
                to: target
            )
            return
        }
        if let incidentID = alert.incidentID, let incident = open.incident(id: incidentID) {
            let channel = ChatText.oneLine(incident.channel.name)
            await say(
                ["alert \(id) is already part of \(IncidentReducer.headline(incident)); join \(channel)"],
                to: target
            )
            return
        }
        guard !declaringAlerts.contains(id) else {
            await say(["an incident is being declared from alert \(id) right now"], to: target)
            return
        }
        _ = try await declare(
            from: [alert],
            severity: severity ?? settings.alertPolicy.severity(for: alert.labels),
            title: title ?? ChatText.oneLine(alert.title, limit: 200),
            by: event.sender,
            at: event.time,
            replyTo: target
        )
    }

    /// How `/declare from alert` is typed, for its error replies.
    static let declareUsage = "/declare [sevN] from alert <n> [title]"

    /// Opens an incident from `alerts` through the one declaration path, links them, records them on its
    /// timeline (in the declaration's transaction) and lists them in its channel.
    private func declare(
        from alerts: [Alert],
        severity: Severity?,
        title: String,
        by declarer: Participant,
        at time: Timestamp,
        replyTo target: String?
    ) async throws -> Incident {
        let ids = alerts.map(\.id)
        declaringAlerts.formUnion(ids)
        defer { declaringAlerts.subtract(ids) }
        let incident = try await openIncident(
            severity: severity,
            title: title,
            by: declarer,
            at: time,
            replyTo: target,
            linkingAlerts: ids,
            alongside: { id in alerts.map { TimelineEntry.alert($0, .declared, incidentID: id, at: time) } }
        )
        CrashPoint.reached(.alertDeclared)
        let linked = try await store.linkAlerts(ids: ids, toIncident: incident.id)
        var lines = AlertAnnouncement.lines(
            linked.map { item($0, .firing(hint: false), url: $0.url) },
            maxLines: settings.alertPolicy.maxLines
        )
        if target == nil {
            let numbers = linked.map { String($0.id) }.joined(separator: ", ")
            lines.insert(
                "declared automatically by the alert rules from alert \(numbers); \(command: "sev") and \(command: "lead") as usual",
                at: 0
            )
        }
        await say(lines, to: incident.channel.name, recordingIn: incident.id)
        await incidentOpened(incident)
        return incident
    }

    /// Links new alerts of a group to the open incident another alert of the group belongs to, records them on
    /// its timeline and lists them in its channel; returns the announce-channel items.
    private func attach(
        _ alerts: [Alert],
        toIncident id: Int64,
        at time: Timestamp
    ) async throws
        -> [AlertAnnouncement.Item]
    {
        let linked = try await store.linkAlerts(ids: alerts.map(\.id), toIncident: id)
        await writer.append(linked.map { TimelineEntry.alert($0, .attached, incidentID: id, at: time) })
        guard let incident = open.incident(id: id) else { return linked.map { item($0, .firing(hint: false)) } }
        let lines = AlertAnnouncement.lines(
            linked.map { item($0, .firing(hint: false), url: $0.url) },
            maxLines: settings.alertPolicy.maxLines
        )
        await say(lines, to: incident.channel.name, recordingIn: id)
        return linked.map { item($0, .inIncident(id: id, channel: incident.channel.name)) }
    }

    /// Alerts of open incidents that resolved or fire again: a key event on the incident and a line in its channel.
    private func note(_ alerts: [Alert], at time: Timestamp) async {
        var byIncident: [Int64: [Alert]] = [:]
        for alert in alerts {
            if let id = alert.incidentID { byIncident[id, default: []].append(alert) }
        }
        for (id, alerts) in byIncident.sorted(by: { $0.key < $1.key }) {
            await writer.append(
                alerts.map {
                    TimelineEntry.alert($0, $0.status == .resolved ? .resolved : .firingAgain, incidentID: id, at: time)
                }
            )
            guard let incident = open.incident(id: id) else { continue }
            let items = alerts.map { item($0, $0.status == .resolved ? .resolved(incidentID: nil) : .firingAgain) }
            await say(
                AlertAnnouncement.lines(items, maxLines: settings.alertPolicy.maxLines),
                to: incident.channel.name,
                recordingIn: id
            )
        }
    }

    /// An announcement item with the severity the alert's labels name.
    private func item(
        _ alert: Alert,
        _ kind: AlertAnnouncement.Item.Kind,
        url: String? = nil
    )
        -> AlertAnnouncement.Item
    {
        let policy = settings.alertPolicy
        let label = alert.labels[policy.severityLabel]
        return AlertAnnouncement.Item(
            alert: alert,
            kind: kind,
            severity: label.flatMap(policy.labelSeverity),
            label: label,
            url: url
        )
    }
}

extension IncidentCoordinator {
    /// Sends bulk alert items to `channel` now if its window has room, else holds them for `AlertPostFlusher`.
    private func post(_ items: [AlertAnnouncement.Item], to channel: String) async {
        guard !items.isEmpty else { return }
        var coalescer = alertPosts ?? AlertPostCoalescer(maxLines: settings.alertPolicy.maxLines)
        let post = await withHints(for: channel) { coalescer.submit(items, to: channel, at: .now) }
        alertPosts = coalescer
        if let post { await send(post) }
    }

    /// When the next held alert post is due; nil when none is held.
    var alertPostDeadline: ContinuousClock.Instant? { alertPosts?.deadline }

    /// Sends the held alert posts that are due now.
    func postDueAlerts() async {
        guard var coalescer = alertPosts else { return }
        // Held posts of every channel: written in the command form of the first announce channel's network.
        let due = await withHints(for: settings.announceChannels.first ?? "") { coalescer.due(at: .now) }
        alertPosts = coalescer
        for post in due { await send(post) }
    }

    private func send(_ post: AlertPostCoalescer<ContinuousClock.Instant>.Post) async {
        await network.perform(post.lines.map { ChatAction.post(target: post.channel, text: $0) })
    }
}
