import Matrix
import OnCall
import Paging
import SitrepCore

/// A command that changes an incident, performed: the pure decision (`IncidentChange`), the durable commit, the
/// timers it plans, the store parts the command still needs, then the chat side effects in the order the
/// decision lists them. It runs on the coordinator (an `isolated` parameter): the incident is read and the change
/// marked in one step, with no suspension between.
enum ChangeFlow {
    /// Applies a mutating intent to `incident`.
    /// `context` is what the network knew where the command was said (nil: not said in chat, e.g. an acknowledge
    /// link); facts about the incident's channel come from it when it was said there, else from the network.
    static func change(
        _ incident: Incident, with intent: IncidentIntent, from event: ChatEvent, in context: ChatContext? = nil,
        replyTo target: String, on coordinator: isolated IncidentCoordinator
    ) async throws -> CommandOutcome {
        let network = coordinator.network
        let settings = coordinator.settings
        let channel = incident.channel.name
        let here = context?.describing(channel, nameKey: network.nameKey)
        let rights = await coordinator.rightsLookup.rights(
            of: event.sender, in: incident, needing: intent.requiredLevel, knowing: here)
        var members: [Participant] = []
        if intent.namesSomeone {
            if let here { members = here.members } else { members = await network.members(of: channel) }
        }
        let decide = { (current: Incident, replies: [String]?) in
            IncidentChange.decide(
                intent, on: current, by: event.sender, rights: rights, at: event.time,
                configuration: settings.incidents, timerPolicy: settings.timerPolicy, members: members,
                grantChatRights: settings.grantChatRights, replacingReplies: replies)
        }
        var doneReply: [String]?
        if case .done(let number) = intent {
            if case .refuse(let entries, let replies, let denied) = decide(incident, nil) {
                return await refuse(entries: entries, replies: replies, denied: denied, to: target, on: coordinator)
            }
            guard let followUp = try await coordinator.store.completeFollowUp(id: number, at: event.time) else {
                let reply = "no follow-up \(number); \(command: "followups") lists the open ones"
                await coordinator.say([reply], to: target)
                return .refused
            }
            doneReply = ["follow-up \(followUp.id) done: \(ChatText.oneLine(followUp.text, limit: 200))"]
        }
        // From here to `open.update` nothing suspends: the change applies to the incident as it is now, not to a
        // copy that a timer firing (actor reentrancy) may have changed meanwhile.
        let current = coordinator.open.incident(id: incident.id) ?? incident
        switch decide(current, doneReply) {
        case .refuse(let entries, let replies, let denied):
            return await refuse(entries: entries, replies: replies, denied: denied, to: target, on: coordinator)
        case .commit(let change):
            try await perform(change, replacing: current, with: intent, from: event, replyTo: target, on: coordinator)
            return .ok
        }
    }

    /// Commits a decided change, then stores the timers it plans, finishes the command's store parts and says,
    /// announces, sets the topic and grants what it holds. A failed commit puts `current` back.
    private static func perform(
        _ change: IncidentChange.Commit, replacing current: Incident, with intent: IncidentIntent,
        from event: ChatEvent, replyTo target: String, on coordinator: isolated IncidentCoordinator
    ) async throws {
        let network = coordinator.network
        let changed = change.incident
        let channel = changed.channel.name
        let key = network.nameKey(channel)
        coordinator.open.update(changed, channelKey: key)
        do {
            try await coordinator.writer.commit(changed, entries: change.entries)
        } catch {
            if coordinator.open.incident(id: changed.id) == changed || !changed.isOpen {
                coordinator.open.update(current, channelKey: key)
            }
            throw error
        }
        CrashPoint.reached(.commandCommitted)
        // The new plan is stored before anything is said, so a `/remind` that was confirmed survives a crash.
        let plan = await TimerArming.replan(for: changed, adding: change.reminders, on: coordinator)
        await TimerArming.store(plan, of: changed, on: coordinator)
        let replies = try await finish(intent, on: changed, from: event, replies: change.replies, on: coordinator)
        await coordinator.say(replies, to: target, recordingIn: network.nameKey(target) == key ? changed.id : nil)
        CrashPoint.reached(.commandReplied)
        if let announce = change.announce {
            for announceChannel in coordinator.settings.announceChannels {
                await coordinator.say([announce], to: announceChannel)
            }
        }
        if let topic = change.topic { await network.perform([.setTopic(channel: channel, topic: topic)]) }
        if !change.grants.isEmpty { await network.perform(change.grants) }
        if intent.asksForSuggestions { await DeclarationFlow.suggest(for: changed, on: coordinator) }
    }

    /// A change refused: its entries recorded (when any), its replies said.
    private static func refuse(
        entries: [TimelineEntry], replies: [String], denied: Bool, to target: String,
        on coordinator: isolated IncidentCoordinator
    ) async -> CommandOutcome {
        if !entries.isEmpty { await coordinator.writer.append(entries) }
        await coordinator.say(replies, to: target)
        return denied ? .denied : .refused
    }

    /// The parts of a command that need the store or the network after the commit.
    private static func finish(
        _ intent: IncidentIntent, on incident: Incident, from event: ChatEvent, replies: [String],
        on coordinator: isolated IncidentCoordinator
    ) async throws -> [String] {
        let store = coordinator.store
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
            return try await recordSolution(text, in: incident, from: event, on: coordinator)
        case .ack where incident.acknowledgedAt == event.time && incident.acknowledgedBy == event.sender:
            await PagingFlow.acknowledged(incident, by: event.sender.identity, at: event.time, on: coordinator)
            return replies
        case .escalate(nil, let reason):
            let pages = TimerPlanner.pages(
                forLevel: incident.escalationLevel, incident: incident,
                policy: await coordinator.timerPolicy(at: event.time), escalatedBy: event.sender, reason: reason)
            let names = await PagingFlow.sendManualPages(
                pages, for: incident, level: incident.escalationLevel, at: event.time, on: coordinator)
            return PageText.naming(names, in: replies)
        case .escalate(let target?, let reason):
            let network = coordinator.network
            let pages = ManualEscalation.pages(
                to: target, onCall: await coordinator.onCall.people(target, at: event.time),
                teams: coordinator.settings.timerPolicy.teams, network: network.networkID(for: incident.channel.name),
                isAccountName: { MatrixUserID($0) != nil }, escalatedBy: event.sender.identity,
                text: PageText.page(for: incident, why: nil, by: event.sender.nick, reason: reason))
            let names = await PagingFlow.sendManualPages(
                pages, for: incident, level: nil, at: event.time, on: coordinator)
            return PageText.naming(names, in: replies)
        default:
            return replies
        }
    }

    /// `/solution`, after its timeline entry is committed: stores it and names its number.
    private static func recordSolution(
        _ text: String, in incident: Incident, from event: ChatEvent, on coordinator: isolated IncidentCoordinator
    ) async throws -> [String] {
        let solution = try await coordinator.knowledge.addSolution(
            incidentID: incident.id, text: text, createdBy: event.sender, at: event.time)
        let scope = solution.category == nil && solution.services.isEmpty
            ? " (set \(command: "category") or \(command: "service") so it is suggested for similar incidents)" : ""
        return ["solution #\(solution.id) recorded for \(ChatText.oneLine(solution.scope, limit: 80))\(scope)"]
    }
}
