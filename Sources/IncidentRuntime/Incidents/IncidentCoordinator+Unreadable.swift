import SitrepCore

extension IncidentCoordinator {
    /// The network says sitrep cannot read `channel` any more (a Matrix room turned end-to-end encrypted while
    /// sitrep has no encryption key). When it is an open incident's room, the announce channels hear it at once,
    /// with the commands that still work from there, so the incident is never stuck unseen.
    public func channelUnreadable(_ channel: String) async {
        guard let incident = open.incident(channelKey: network.nameKey(channel)) else { return }
        logger.warning("incident room unreadable", metadata: ["incident": "\(incident.id)", "room": "\(channel)"])
        for announce in settings.announceChannels {
            await withHints(for: announce) {
                await say([Self.unreadableNotice(incident)], to: announce)
            }
        }
    }

    static func unreadableNotice(_ incident: Incident) -> String {
        ChatText.oneLine(
            "INC-\(incident.id)'s room \(incident.channel.name) is end-to-end encrypted and sitrep cannot read it: "
                + "what is said there is not recorded and its commands are not seen. From here: "
                + "\(command: "status") \(incident.id), \(command: "ack") \(incident.id), "
                + "\(command: "cancel") #\(incident.id) <reason>", limit: 400)
    }
}
