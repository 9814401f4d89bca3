import Commands
import SitrepCore

/// A Matrix command the run before a crash may already have applied. After a restart the sync resumes at the last
/// point stored, so a command that run was handling comes again; the store tells whether its change was made:
///
/// - a declaration: an incident declared by the event's sender at the event's time (the homeserver's
///   `origin_server_ts`, the same on every delivery);
/// - any other change: the event's own line (`event=$id`) on its incident's timeline, which the writer commits in
///   the same transaction as the change (nothing writes it earlier: the sync service stores the lines before a
///   command with their resume point first).
///
/// Such a command is not applied again; it is answered. A declaration is answered with the very sends
/// `DeclarationFlow.openIncident` makes (room, topic, invitation, reply, announcements), in the same order under
/// the same cause, so each gets the transaction id it had and the homeserver posts none that the dead run had
/// posted. Any other change gets one confirmation in place of its reply (the reply depended on the incident before
/// the change), posted as the reply's first part, so a reply already posted is not followed by a second one.
/// It runs on the coordinator (an `isolated` parameter).
enum ReplayFlow {
    /// Handles `event`, a command a dead run may have applied: answers it if its change is stored, else handles
    /// it as new. Call with `ChatCause.current` set to the event's id.
    static func handleAgain(_ event: ChatEvent, on coordinator: isolated IncidentCoordinator) async {
        let network = coordinator.network
        let logger = coordinator.logger
        guard !event.isOwn, coordinator.fence?.mayAct() ?? true, let id = event.id,
            case .message(let text, .plain) = event.kind,
            let intent = await intent(of: network.plainText(text), from: event, on: coordinator)
        else { return await coordinator.handle(event) }
        do {
            switch intent {
            case .declare, .declareFromAlert:
                if let incident = try await declaration(at: event.time, by: event.sender, on: coordinator) {
                    logger.info("command applied before the restart; answering it", metadata: ["event": "\(id)"])
                    return await answerDeclaration(of: incident, from: event, intent: intent, on: coordinator)
                }
            default:
                if let incident = try await incidentRecording(id, in: event.channel, on: coordinator) {
                    logger.info("command applied before the restart; answering it", metadata: ["event": "\(id)"])
                    return await confirm(text, on: incident, from: event, on: coordinator)
                }
            }
        } catch {
            logger.error("cannot tell whether a command was applied before the restart; not running it again",
                metadata: ["event": "\(id)", "error": "\(error)"])
            return
        }
        await coordinator.handle(event)
    }

    /// The intent of a well-formed command in `text`, nil for anything else.
    private static func intent(of text: String, from event: ChatEvent, on coordinator: isolated IncidentCoordinator)
        async -> IncidentIntent?
    {
        let network = coordinator.network
        let target = coordinator.replyTarget(for: event)
        let names = await network.botNames(in: target)
        guard
            let invocation = CommandInvocation.recognize(
                text, botNames: names, isPrivate: event.channel == nil, prefix: network.commandPrefix(in: target)),
            case .success(let intent) = CommandRegistry.parse(invocation)
        else { return nil }
        return intent
    }

    /// The open incident `sender` declared at `time`, if any.
    private static func declaration(
        at time: Timestamp, by sender: Participant, on coordinator: isolated IncidentCoordinator
    ) async throws -> Incident? {
        try await coordinator.store.openIncidents().first {
            $0.declaredAt == time && $0.declaredBy.identity.isSameIdentity(as: sender.identity)
        }
    }

    /// The incident of `channel` (open, or the latest run there) whose timeline holds the line of event `id`.
    private static func incidentRecording(
        _ id: String, in channel: ChatChannel?, on coordinator: isolated IncidentCoordinator
    ) async throws -> Incident? {
        guard let channel else { return nil }
        let store = coordinator.store
        var found = coordinator.openIncident(in: channel)
        if found == nil { found = try await store.incident(channel: channel) }
        guard let incident = found else { return nil }
        let recent = try await store.timeline(incidentID: incident.id, limit: 1_000, keyEventsOnly: false)
        return recent.contains { $0.detail == .event(id) } ? incident : nil
    }

    /// The sends of a declaration, as `DeclarationFlow.openIncident` made them, then the new incident's timers.
    private static func answerDeclaration(
        of incident: Incident, from event: ChatEvent, intent: IncidentIntent,
        on coordinator: isolated IncidentCoordinator
    ) async {
        let target = coordinator.replyTarget(for: event)
        // The very sends `DeclarationFlow.openIncident` makes, in its order, so each gets the transaction id it
        // had before the restart (a reply already posted is not posted again).
        if case .declare = intent {
            let configuration = coordinator.network.incidentConfiguration(
                coordinator.settings.incidents, declaredIn: target)
            let declaration = IncidentReducer.declare(
                id: incident.id, severity: incident.severity, title: incident.title, by: event.sender, at: event.time,
                configuration: configuration)
            await DeclarationFlow.send(
                incident, reply: declaration.reply, announce: declaration.announce, by: event.sender, replyTo: target,
                on: coordinator)
        } else {
            let who = ChatText.oneLine(event.sender.nick)
            let reply = "\(who): incident \(incident.id) declared; join \(incident.channel.name)"
            await DeclarationFlow.send(
                incident, reply: reply, announce: nil, by: event.sender, replyTo: target, on: coordinator)
        }
        await DeclarationFlow.opened(incident, on: coordinator)
    }

    /// One confirmation of a change made before the restart, and the incident's topic and timers as they are now.
    private static func confirm(
        _ text: String, on incident: Incident, from event: ChatEvent, on coordinator: isolated IncidentCoordinator
    ) async {
        let network = coordinator.network
        let target = coordinator.replyTarget(for: event)
        let sameRoom = network.nameKey(target) == network.nameKey(incident.channel.name)
        let line = "\(ChatText.oneLine(event.sender.nick)): done — \(ChatText.oneLine(text, limit: 80)) was recorded "
            + "just before sitrep restarted; \(command: "status") shows incident \(incident.id) as it is now"
        await coordinator.say([line], to: target, recordingIn: sameRoom ? incident.id : nil)
        guard incident.isOpen else { return }
        await network.perform([
            .setTopic(channel: incident.channel.name, topic: IncidentReducer.topic(for: incident))
        ])
        await TimerArming.rearm(for: incident, on: coordinator)
    }
}
