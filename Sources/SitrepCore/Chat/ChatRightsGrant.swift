/// Which chat rights a changed incident hands out: the person named lead (`/lead`) or given a role (`/role`)
/// gets rights in the incident's channel, when the operator enabled it (`incidents.grant_chat_rights`).
///
/// Pure: the coordinator asks after the change is committed and performs the actions it gets back.
public enum ChatRightsGrant {
    /// The `grantRights` actions for `intent` once applied to `incident` (the incident as changed): none when
    /// `enabled` is false, and none for any other command.
    public static func actions(after intent: IncidentIntent, on incident: Incident, enabled: Bool) -> [ChatAction] {
        guard enabled, let holder = holder(after: intent, on: incident) else { return [] }
        return [.grantRights(person: holder, channel: incident.channel.name)]
    }

    /// The lead after `/lead`, the role's holder after `/role`; nil for every other intent.
    private static func holder(after intent: IncidentIntent, on incident: Incident) -> Participant? {
        switch intent {
        case .lead: incident.lead
        case .role(let name, _): incident.roles[name.lowercased()]
        default: nil
        }
    }
}
