import Commands
import OnCall
import SitrepCore

/// The coordinator's command path: parses a recognised command (`CommandRegistry`), answers the queries, and
/// hands declarations to `DeclarationFlow` and changes to `ChangeFlow`. It runs on the coordinator (an
/// `isolated` parameter), so what it reads of the open incidents is as they are at that step.
enum CommandFlow {
    /// Parses and runs one recognised command; a bad one gets its one-line usage or the closest command name.
    static func run(
        _ invocation: CommandInvocation, from event: ChatEvent, in context: ChatContext,
        on coordinator: isolated IncidentCoordinator
    ) async {
        let target = coordinator.replyTarget(for: event)
        let name = CommandRegistry.command(named: invocation.name)?.name ?? "unknown"
        switch CommandRegistry.parse(invocation) {
        case .failure(let failure):
            coordinator.metrics.commandHandled(name, outcome: .usage)
            await coordinator.say([failure.reply], to: target)
        case .success(let intent):
            let outcome = await execute(intent, from: event, in: context, replyTo: target, on: coordinator)
            coordinator.metrics.commandHandled(name, outcome: outcome)
        }
    }

    private static func execute(
        _ intent: IncidentIntent, from event: ChatEvent, in context: ChatContext, replyTo target: String,
        on coordinator: isolated IncidentCoordinator
    ) async -> CommandOutcome {
        let store = coordinator.store
        do {
            switch intent {
            case .declare(let severity, let title):
                try await DeclarationFlow.declare(
                    severity: severity, title: title, from: event, replyTo: target, on: coordinator)
            case .declareFromAlert(let alert, let severity, let title):
                try await AlertFlow.declare(
                    fromAlert: alert, severity: severity, title: title, from: event, replyTo: target, on: coordinator)
            case .help(let command):
                let help = CommandRegistry.help(
                    for: command, botNick: context.botNick, forms: coordinator.network.commandForms(in: target))
                await coordinator.say([help], to: target)
            case .whoami:
                let incident = coordinator.openIncident(in: event.channel)
                let line = await coordinator.rightsLookup.whoami(event, in: context, incident: incident)
                await coordinator.say([line], to: target)
            case .incidents:
                await coordinator.say(QueryReplies.incidents(try await store.openIncidents()), to: target)
            case .followups:
                let followUps = try await store.followUps(incidentID: nil, openOnly: true)
                await coordinator.say(QueryReplies.followUps(followUps), to: target)
            case .search(let request):
                await coordinator.say(try await coordinator.queries.searchReplies(request), to: target)
            case .stats(let period):
                await coordinator.say(try await coordinator.queries.statsReplies(period: period), to: target)
            case .oncall(let schedule):
                do {
                    await coordinator.say(try await coordinator.onCall.replies(schedule, at: event.time), to: target)
                } catch let refusal as OnCallDesk.Refusal {
                    await coordinator.say([refusal.reply], to: target)
                    return .usage
                }
            case .oncallTake, .override:
                return try await overrideOnCall(intent, from: event, in: context, replyTo: target, on: coordinator)
            case .invite(let nick):
                return try await invite(nick, from: event, in: context, replyTo: target, on: coordinator)
            case .about(let id, let query):
                var found = coordinator.open.incident(id: id)
                if found == nil { found = try await store.incident(id: id) }
                guard let incident = found else {
                    await coordinator.say(["no incident \(id); \(command: "incidents") lists the open ones"], to: target)
                    return .usage
                }
                // `!ack 4` or `!cancel 4 …` from the announce channel: an incident whose channel sitrep cannot read
                // (or nobody can enter) is never stuck.
                guard query.isQuery else {
                    return try await ChangeFlow.change(
                        incident, with: query, from: event, in: context, replyTo: target, on: coordinator)
                }
                await coordinator.say(try await coordinator.queries.answer(query, about: incident), to: target)
            default:
                guard let incident = try await incident(for: event, on: coordinator) else {
                    let open = coordinator.open.all
                    await coordinator.say([QueryReplies.notInIncidentChannel(open: open, asking: intent)], to: target)
                    return .usage
                }
                if intent.isQuery {
                    await coordinator.say(try await coordinator.queries.answer(intent, about: incident), to: target)
                } else {
                    return try await ChangeFlow.change(
                        incident, with: intent, from: event, in: context, replyTo: target, on: coordinator)
                }
            }
            return .ok
        } catch {
            coordinator.logger.error("command failed", metadata: ["intent": "\(intent)", "error": "\(error)"])
            await coordinator.say(
                ["sorry, that could not be recorded (storage error); nothing changed — please retry"], to: target)
            return .error
        }
    }

    /// The incident of the channel the command came from: the open one, or the latest one run there.
    private static func incident(for event: ChatEvent, on coordinator: isolated IncidentCoordinator) async throws
        -> Incident?
    {
        if let open = coordinator.openIncident(in: event.channel) { return open }
        guard let channel = event.channel else { return nil }
        return try await coordinator.store.incident(channel: channel)
    }

    /// `/invite <person>` in an incident's channel or room: a responder of the incident invites someone in (on
    /// Matrix, where incident rooms may be invite-only; on IRC, into a channel they have not found). Recorded on
    /// the timeline by the channel's transcript; refused outside an incident channel or to lower rights.
    private static func invite(
        _ nick: String, from event: ChatEvent, in context: ChatContext, replyTo target: String,
        on coordinator: isolated IncidentCoordinator
    ) async throws -> CommandOutcome {
        guard let incident = coordinator.openIncident(in: event.channel) else {
            await coordinator.say(["\(command: "invite") works in an open incident's channel"], to: target)
            return .usage
        }
        let level = IncidentIntent.invite(nick: nick).requiredLevel
        // Said in the incident's channel (`openIncident(in:)` above): the context describes it.
        let rights = await coordinator.rightsLookup.rights(
            of: event.sender, in: incident, needing: level, knowing: context)
        guard rights.level >= level else {
            await coordinator.say(["only a responder of INC-\(incident.id) may invite people into it"], to: target)
            return .denied
        }
        if context.members.contains(where: { IRCCase.equal($0.nick, nick) || $0.identity.name == nick }) {
            await coordinator.say(["\(ChatText.oneLine(nick, limit: 64)) is already here"], to: target)
            return .refused
        }
        await coordinator.network.perform([.invite(nick: nick, channel: incident.channel.name)])
        await coordinator.say(
            ["invited \(ChatText.oneLine(nick, limit: 64)) into \(incident.channel.name)"], to: target)
        return .ok
    }

    /// `/override` and `/oncall take`: stored and recorded by `OnCallCommands`, answered here.
    private static func overrideOnCall(
        _ intent: IncidentIntent, from event: ChatEvent, in context: ChatContext, replyTo target: String,
        on coordinator: isolated IncidentCoordinator
    ) async throws -> CommandOutcome {
        let incident = coordinator.openIncident(in: event.channel)
        let result = try await coordinator.onCall.override(intent, from: event, in: context, incident: incident)
        await coordinator.say(result.replies, to: target)
        return result.outcome
    }
}
