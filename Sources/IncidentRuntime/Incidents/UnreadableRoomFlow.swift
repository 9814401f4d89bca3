import SitrepCore

/// The network says sitrep cannot read a room any more (a Matrix room turned end-to-end encrypted while sitrep has
/// no encryption key). When it is an open incident's room, the announce channels hear it at once, with the
/// commands that still work from there, so the incident is never stuck unseen. It runs on the coordinator (an
/// `isolated` parameter).
enum UnreadableRoomFlow {
    static func channelUnreadable(_ channel: String, on coordinator: isolated IncidentCoordinator) async {
        guard let incident = coordinator.open.incident(channelKey: coordinator.network.nameKey(channel)) else { return }
        coordinator.logger.warning(
            "incident room unreadable", metadata: ["incident": "\(incident.id)", "room": "\(channel)"])
        for announce in coordinator.settings.announceChannels {
            await coordinator.withHints(for: announce) {
                await coordinator.say([notice(incident)], to: announce)
            }
        }
    }

    static func notice(_ incident: Incident) -> String {
        ChatText.oneLine(
            "INC-\(incident.id)'s room \(incident.channel.name) is end-to-end encrypted and sitrep cannot read it: "
                + "what is said there is not recorded and its commands are not seen. From here: "
                + "\(command: "status") \(incident.id), \(command: "ack") \(incident.id), "
                + "\(command: "cancel") #\(incident.id) <reason>", limit: 400)
    }
}
