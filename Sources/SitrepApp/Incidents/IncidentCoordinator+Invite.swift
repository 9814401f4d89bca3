import Commands
import SitrepCore

extension IncidentCoordinator {
    /// `/invite <person>` in an incident's channel or room: a responder of the incident invites someone in (on
    /// Matrix, where incident rooms may be invite-only; on IRC, into a channel they have not found). Recorded on
    /// the timeline by the channel's transcript; refused outside an incident channel or to lower rights.
    func invite(_ nick: String, from event: ChatEvent, in context: ChatContext, replyTo target: String)
        async throws -> CommandOutcome
    {
        guard let incident = openIncident(in: event.channel) else {
            await say(["\(command: "invite") works in an open incident's channel"], to: target)
            return .usage
        }
        let level = IncidentIntent.invite(nick: nick).requiredLevel
        // Said in the incident's channel (`openIncident(in:)` above): the context describes it.
        let rights = await rightsLookup.rights(of: event.sender, in: incident, needing: level, knowing: context)
        guard rights.level >= level else {
            await say(["only a responder of INC-\(incident.id) may invite people into it"], to: target)
            return .denied
        }
        if context.members.contains(where: { IRCCase.equal($0.nick, nick) || $0.identity.name == nick }) {
            await say(["\(ChatText.oneLine(nick, limit: 64)) is already here"], to: target)
            return .refused
        }
        await network.perform([.invite(nick: nick, channel: incident.channel.name)])
        await say(["invited \(ChatText.oneLine(nick, limit: 64)) into \(incident.channel.name)"], to: target)
        return .ok
    }
}
