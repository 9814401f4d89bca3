import Commands
import Matrix
import OnCall
import Paging
import SitrepCore

extension IncidentCoordinator {
    /// Parses and runs one recognised command; a bad one gets its one-line usage or the closest command name.
    func run(_ invocation: CommandInvocation, from event: ChatEvent, in context: ChatContext) async {
        let target = replyTarget(for: event)
        let name = CommandRegistry.command(named: invocation.name)?.name ?? "unknown"
        switch CommandRegistry.parse(invocation) {
        case .failure(let failure):
            metrics.commandHandled(name, outcome: .usage)
            await say([failure.reply], to: target)
        case .success(let intent):
            metrics.commandHandled(name, outcome: await execute(intent, from: event, in: context, replyTo: target))
        }
    }

    private func execute(
        _ intent: IncidentIntent, from event: ChatEvent, in context: ChatContext, replyTo target: String
    ) async -> CommandOutcome
    {
        do {
            switch intent {
            case .declare(let severity, let title):
                try await declare(severity: severity, title: title, from: event, replyTo: target)
            case .declareFromAlert(let alert, let severity, let title):
                try await declare(fromAlert: alert, severity: severity, title: title, from: event, replyTo: target)
            case .help(let command):
                let help = CommandRegistry.help(
                    for: command, botNick: context.botNick, forms: network.commandForms(in: target))
                await say([help], to: target)
            case .whoami:
                let incident = openIncident(in: event.channel)
                await say([await rightsLookup.whoami(event, in: context, incident: incident)], to: target)
            case .incidents:
                await say(QueryReplies.incidents(try await store.openIncidents()), to: target)
            case .followups:
                await say(QueryReplies.followUps(try await store.followUps(incidentID: nil, openOnly: true)), to: target)
            case .search(let request):
                await say(try await queries.searchReplies(request), to: target)
            case .stats(let period):
                await say(try await queries.statsReplies(period: period), to: target)
            case .oncall(let schedule):
                do {
                    await say(try await onCall.replies(schedule, at: event.time), to: target)
                } catch let refusal as OnCallDesk.Refusal {
                    await say([refusal.reply], to: target)
                    return .usage
                }
            case .oncallTake, .override:
                return try await overrideOnCall(intent, from: event, in: context, replyTo: target)
            case .invite(let nick):
                return try await invite(nick, from: event, in: context, replyTo: target)
            case .about(let id, let query):
                var found = open.incident(id: id)
                if found == nil { found = try await store.incident(id: id) }
                guard let incident = found else {
                    await say(["no incident \(id); \(command: "incidents") lists the open ones"], to: target)
                    return .usage
                }
                // `!ack 4` or `!cancel 4 …` from the announce channel: an incident whose channel sitrep cannot read
                // (or nobody can enter) is never stuck.
                guard query.isQuery else {
                    return try await change(incident, with: query, from: event, in: context, replyTo: target)
                }
                await say(try await queries.answer(query, about: incident), to: target)
            default:
                guard let incident = try await incident(for: event) else {
                    await say([QueryReplies.notInIncidentChannel(open: open.all, asking: intent)], to: target)
                    return .usage
                }
                if intent.isQuery {
                    await say(try await queries.answer(intent, about: incident), to: target)
                } else {
                    return try await change(incident, with: intent, from: event, in: context, replyTo: target)
                }
            }
            return .ok
        } catch {
            logger.error("command failed", metadata: ["intent": "\(intent)", "error": "\(error)"])
            await say(["sorry, that could not be recorded (storage error); nothing changed — please retry"], to: target)
            return .error
        }
    }

    /// The incident of the channel the command came from: the open one, or the latest one run there.
    private func incident(for event: ChatEvent) async throws -> Incident? {
        if let open = openIncident(in: event.channel) { return open }
        guard let channel = event.channel else { return nil }
        return try await store.incident(channel: channel)
    }

    /// `/declare`: opens an incident, then arms its timers and suggests past incidents.
    private func declare(severity: Severity?, title: String, from event: ChatEvent, replyTo target: String)
        async throws
    {
        let incident = try await openIncident(
            severity: severity, title: title, by: event.sender, at: event.time, replyTo: target)
        await incidentOpened(incident)
    }

    /// Opens an incident: store first (with `alongside` entries in the same transaction), then channel, topic,
    /// invitation, the declarer's reply and the announcement. Every declaration goes through here, a person's or
    /// sitrep's own from an alert (`target` nil: no reply and no invitation, since nobody typed a command).
    /// Call `incidentOpened` after anything the declaration still has to post in the new channel.
    func openIncident(
        severity: Severity?, title: String, by sender: Participant, at time: Timestamp, replyTo target: String?,
        linkingAlerts alertIDs: [Int64] = [], alongside: @escaping @Sendable (Int64) -> [TimelineEntry] = { _ in [] }
    ) async throws -> Incident {
        try await writer.drain()
        let configuration = network.incidentConfiguration(settings.incidents, declaredIn: target)
        let started = ContinuousClock.now
        let incident = try await store.declare(
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
        metrics.committed(.declare, entries: declaration.entries.count, duration: started.duration(to: .now))
        CrashPoint.reached(.declareCommitted)
        open.update(incident, channelKey: network.nameKey(incident.channel.name))
        await sendDeclared(
            incident, reply: declaration.reply, announce: declaration.announce, by: sender, replyTo: target)
        logger.info("incident declared", metadata: ["incident": "\(incident.id)", "by": "\(sender.identity)"])
        return incident
    }

    /// A new incident's sends, in order: the channel joined and its topic set, `reply` to the declarer with their
    /// invitation (`target` nil: nobody typed a command, so neither), `announce` in every announce channel but the
    /// one declared in. A declaration answered again after a restart sends exactly these, in this order.
    func sendDeclared(
        _ incident: Incident, reply: String, announce: String?, by sender: Participant, replyTo target: String?
    ) async {
        let channel = incident.channel.name
        await network.perform([
            .join(channel: channel), .setTopic(channel: channel, topic: IncidentReducer.topic(for: incident)),
        ])
        if let target {
            // The declarer waits for the reply and the invitation: one batch, which the IRC edge sends ahead of
            // every other incident's pages (the reply first: InspIRCd holds a sender's lines after an INVITE).
            await say([reply], to: target, then: [.awaitedInvite(nick: sender.nick, channel: channel)])
        }
        guard let announce else { return }
        for announceChannel in settings.announceChannels
        where target.map({ network.nameKey(announceChannel) != network.nameKey($0) }) ?? true {
            await say([announce], to: announceChannel)
        }
    }

    /// The end of every declaration: arms the new incident's timers and suggests past incidents in its channel.
    func incidentOpened(_ incident: Incident) async {
        await rearmTimers(for: incident)
        await suggest(for: incident)
    }

    /// Applies a mutating intent: the pure decision (`IncidentChange`), the durable commit, then the chat side
    /// effects in the order the decision lists them.
    /// `context` is what the network knew where the command was said (nil: not said in chat, e.g. an acknowledge
    /// link); facts about the incident's channel come from it when it was said there, else from the network.
    func change(
        _ incident: Incident, with intent: IncidentIntent, from event: ChatEvent, in context: ChatContext? = nil,
        replyTo target: String
    ) async throws -> CommandOutcome {
        let channel = incident.channel.name
        let here = context?.describing(channel, nameKey: network.nameKey)
        let rights = await rightsLookup.rights(
            of: event.sender, in: incident, needing: intent.requiredLevel, knowing: here)
        var members: [Participant] = []
        if intent.namesSomeone {
            if let here { members = here.members } else { members = await network.members(of: channel) }
        }
        let decide = { (current: Incident, replies: [String]?) in
            IncidentChange.decide(
                intent, on: current, by: event.sender, rights: rights, at: event.time,
                configuration: self.settings.incidents, timerPolicy: self.settings.timerPolicy, members: members,
                grantChatRights: self.settings.grantChatRights, replacingReplies: replies)
        }
        var doneReply: [String]?
        if case .done(let number) = intent {
            if case .refuse(let entries, let replies, let denied) = decide(incident, nil) {
                return await refuse(entries: entries, replies: replies, denied: denied, to: target)
            }
            guard let followUp = try await store.completeFollowUp(id: number, at: event.time) else {
                await say(["no follow-up \(number); \(command: "followups") lists the open ones"], to: target)
                return .refused
            }
            doneReply = ["follow-up \(followUp.id) done: \(ChatText.oneLine(followUp.text, limit: 200))"]
        }
        // From here to `open.update` nothing suspends: the change applies to the incident as it is now, not to a
        // copy that a timer firing (actor reentrancy) may have changed meanwhile.
        let current = open.incident(id: incident.id) ?? incident
        switch decide(current, doneReply) {
        case .refuse(let entries, let replies, let denied):
            return await refuse(entries: entries, replies: replies, denied: denied, to: target)
        case .commit(let change):
            try await perform(change, replacing: current, with: intent, from: event, replyTo: target)
            return .ok
        }
    }

    /// Commits a decided change, then stores the timers it plans, finishes the command's store parts and says,
    /// announces, sets the topic and grants what it holds. A failed commit puts `current` back.
    private func perform(
        _ change: IncidentChange.Commit, replacing current: Incident, with intent: IncidentIntent,
        from event: ChatEvent, replyTo target: String
    ) async throws {
        let changed = change.incident
        let channel = changed.channel.name
        let key = network.nameKey(channel)
        open.update(changed, channelKey: key)
        do {
            try await writer.commit(changed, entries: change.entries)
        } catch {
            if open.incident(id: changed.id) == changed || !changed.isOpen { open.update(current, channelKey: key) }
            throw error
        }
        CrashPoint.reached(.commandCommitted)
        // The new plan is stored before anything is said, so a `/remind` that was confirmed survives a crash.
        await storeTimers(await replanTimers(for: changed, adding: change.reminders), of: changed)
        let replies = try await finish(intent, on: changed, from: event, replies: change.replies)
        await say(replies, to: target, recordingIn: network.nameKey(target) == key ? changed.id : nil)
        CrashPoint.reached(.commandReplied)
        if let announce = change.announce {
            for announceChannel in settings.announceChannels { await say([announce], to: announceChannel) }
        }
        if let topic = change.topic { await network.perform([.setTopic(channel: channel, topic: topic)]) }
        if !change.grants.isEmpty { await network.perform(change.grants) }
        if intent.asksForSuggestions { await suggest(for: changed) }
    }

    /// A change refused: its entries recorded (when any), its replies said.
    private func refuse(entries: [TimelineEntry], replies: [String], denied: Bool, to target: String) async
        -> CommandOutcome
    {
        if !entries.isEmpty { await writer.append(entries) }
        await say(replies, to: target)
        return denied ? .denied : .refused
    }

    /// People's rights in incidents, looked up as far as a command needs.
    var rightsLookup: RightsLookup { RightsLookup(settings: settings, store: store, network: network) }

    /// The parts of a command that need the store or the network after the commit.
    private func finish(_ intent: IncidentIntent, on incident: Incident, from event: ChatEvent, replies: [String])
        async throws -> [String]
    {
        switch intent {
        case .followup(let text, let owner):
            let followUp = try await store.addFollowUp(
                incidentID: incident.id, text: text, owner: owner, createdBy: event.sender, at: event.time)
            let ownerText = owner.map { " (owner: \(ChatText.oneLine($0)))" } ?? ""
            return ["follow-up \(followUp.id) recorded\(ownerText); \(command: "done") \(followUp.id) when it is done"]
        case .mark(let nick):
            guard let message = try await store.lastMessage(incidentID: incident.id, author: nick) else {
                return ["\(ChatText.oneLine(nick)) has said nothing in this incident yet; nothing marked"]
            }
            try await store.markKeyEvent(incidentID: incident.id, sequence: message.sequence)
            return ["marked as a key event: <\(ChatText.oneLine(message.author))> "
                + ChatText.oneLine(message.text, limit: 200)]
        case .solution(let text):
            return try await recordSolution(text, in: incident, from: event, replies: replies)
        case .ack where incident.acknowledgedAt == event.time && incident.acknowledgedBy == event.sender:
            await pagesAcknowledged(incident, by: event.sender.identity, at: event.time)
            return replies
        case .escalate(nil, let reason):
            let pages = TimerPlanner.pages(
                forLevel: incident.escalationLevel, incident: incident, policy: await timerPolicy(at: event.time),
                escalatedBy: event.sender, reason: reason)
            let names = await sendManualPages(pages, for: incident, level: incident.escalationLevel, at: event.time)
            return PageText.naming(names, in: replies)
        case .escalate(let target?, let reason):
            let pages = ManualEscalation.pages(
                to: target, onCall: await onCall.people(target, at: event.time), teams: settings.timerPolicy.teams,
                network: network.networkID(for: incident.channel.name), isAccountName: { MatrixUserID($0) != nil },
                escalatedBy: event.sender.identity,
                text: PageText.page(for: incident, why: nil, by: event.sender.nick, reason: reason))
            let names = await sendManualPages(pages, for: incident, level: nil, at: event.time)
            return PageText.naming(names, in: replies)
        default:
            return replies
        }
    }
}
