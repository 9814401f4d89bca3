import SitrepCore

/// A person's rights in an incident, for the coordinator's commands: the pure `Permissions` rules, fed only as
/// far as a command needs — configured roles first, then channel operator status (from the line's
/// `ChatContext` when it describes the incident's channel, else from the network), then whether sitrep paged
/// them (read from the store only when it matters).
struct RightsLookup: Sendable {
    let settings: CoordinatorSettings
    let store: any IncidentStore
    let network: any ChatNetwork

    /// `sender`'s rights in `incident`, looked up as far as `level` needs. A channel operator stays one in the
    /// last step, so a refusal names the rights they have. `context`, when given, describes the incident's
    /// channel and answers for the network.
    func rights(
        of sender: Participant, in incident: Incident, needing level: AccessLevel, knowing context: ChatContext? = nil
    ) async -> Rights {
        var rights = settings.permissions.rights(for: sender, in: incident)
        guard rights.level < level else { return rights }
        var isOperator = false
        if let context { isOperator = context.senderIsOperator } else {
            isOperator = await network.isChannelOperator(sender.nick, in: incident.channel.name)
        }
        if isOperator { rights = settings.permissions.rights(for: sender, isChannelOperator: true, in: incident) }
        guard rights.level < level else { return rights }
        return settings.permissions.rights(
            for: sender, isChannelOperator: isOperator, in: incident, paged: await pagedPeople(of: incident))
    }

    /// `/whoami` said in `context`'s place, about `incident` (the open incident there, if any).
    func whoami(_ event: ChatEvent, in context: ChatContext, incident: Incident?) async -> String {
        let isOperator = event.channel != nil && context.senderIsOperator
        var paged: [ChatIdentity] = []
        if let incident { paged = await pagedPeople(of: incident) }
        let rights = settings.permissions.rights(
            for: event.sender, isChannelOperator: isOperator, in: incident, paged: paged)
        return QueryReplies.whoami(event.sender, rights: rights)
    }

    /// Everyone sitrep paged for the incident: the escalation tiers paged so far, and everyone a stored page
    /// attempt names (a manual `!escalate <nick or team>` too). They are responders in it.
    func pagedPeople(of incident: Incident) async -> [ChatIdentity] {
        let tiers = TimerPlanner.pagedPeople(of: incident, policy: settings.timerPolicy)
        let attempts = (try? await store.pageAttempts(incidentID: incident.id)) ?? []
        return tiers + attempts.map(\.person)
    }
}
