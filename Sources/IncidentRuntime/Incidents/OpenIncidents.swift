import SitrepCore

/// The open incidents a coordinator runs, found by channel (for every chat line) or by id (for timers), and the
/// channels of incidents closed while this process ran, which are still recorded until the bot leaves them.
struct OpenIncidents {
    private var byChannel: [String: Incident] = [:]
    private var channelKeyByID: [Int64: String] = [:]
    /// Incidents closed or cancelled since the start, by channel key: the bot stays in their channels, and what is
    /// said there (`!postmortem`, `!followup`, their replies) stays on the timeline until it leaves.
    private var closedByChannel: [String: Int64] = [:]

    /// Every open incident, by id.
    var all: [Incident] { byChannel.values.sorted { $0.id < $1.id } }

    func incident(channelKey: String) -> Incident? {
        byChannel[channelKey]
    }

    func incident(id: Int64) -> Incident? {
        channelKeyByID[id].flatMap { byChannel[$0] }
    }

    /// The incident whose timeline records what is said in the channel: the open one, or the one closed there
    /// while the bot is still in it.
    func recordedIncidentID(channelKey: String) -> Int64? {
        byChannel[channelKey]?.id ?? closedByChannel[channelKey]
    }

    /// Stores the latest version of an incident; a closed or cancelled one is dropped from the open ones and
    /// its channel is still recorded (until `left(channelKey:)`).
    mutating func update(_ incident: Incident, channelKey: String) {
        guard incident.isOpen else {
            if byChannel[channelKey]?.id == incident.id { closedByChannel[channelKey] = incident.id }
            byChannel[channelKey] = nil
            channelKeyByID[incident.id] = nil
            return
        }
        closedByChannel[channelKey] = nil
        byChannel[channelKey] = incident
        channelKeyByID[incident.id] = channelKey
    }

    /// The bot left the channel: nothing said there is recorded any more (an open incident's channel is rejoined
    /// and stays recorded).
    mutating func left(channelKey: String) {
        closedByChannel[channelKey] = nil
    }
}
