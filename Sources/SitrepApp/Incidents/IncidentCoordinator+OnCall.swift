import OnCall
import SitrepCore

/// On-call schedules in chat: what `OnCallCommands` answers, said where the command was given.
extension IncidentCoordinator {
    /// The on-call side: schedules resolved for paging, `/oncall`, `/override`, `/oncall take`.
    var onCall: OnCallCommands {
        OnCallCommands(store: store, writer: writer, settings: settings, network: network, logger: logger)
    }

    /// The timer policy with every schedule resolved to who it has on call at `now`.
    func timerPolicy(at now: Timestamp) async -> TimerPolicy {
        await onCall.timerPolicy(at: now)
    }

    /// `/override` and `/oncall take`: stored and recorded by `OnCallCommands`, answered here.
    func overrideOnCall(
        _ intent: IncidentIntent, from event: ChatEvent, in context: ChatContext, replyTo target: String
    ) async throws -> CommandOutcome {
        let incident = openIncident(in: event.channel)
        let result = try await onCall.override(intent, from: event, in: context, incident: incident)
        await say(result.replies, to: target)
        return result.outcome
    }
}
