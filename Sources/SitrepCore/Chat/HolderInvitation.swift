/// Who a changed incident invites into its channel or room: the person another responder named lead (`/lead nick`)
/// or gave a role (`/role name nick`) while they are not in it, so they can get in where it is invite only.
/// Independent of `incidents.grant_chat_rights`.
///
/// Pure: the coordinator asks after the change is committed and performs the actions it gets back.
public enum HolderInvitation {
    /// The `invite` action for `intent` once applied to `incident` by `sender`: none when the command named no one,
    /// named the sender, or named one of the channel's `members`.
    public static func actions(
        after intent: IncidentIntent, on incident: Incident, by sender: ChatIdentity, members: [Participant]
    ) -> [ChatAction] {
        let holder: Participant? =
            switch intent {
            case .lead(let nick?) where !nick.isEmpty: incident.lead
            case .role(let name, let nick?) where !nick.isEmpty: incident.roles[name.lowercased()]
            default: nil
            }
        guard let holder, !holder.identity.isSameIdentity(as: sender) else { return [] }
        let present = members.contains { member in
            member.identity.isSameIdentity(as: holder.identity) || IRCCase.equal(member.nick, holder.nick)
        }
        guard !present else { return [] }
        return [.invite(nick: holder.nick, channel: incident.channel.name)]
    }
}
