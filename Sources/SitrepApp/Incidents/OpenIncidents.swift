import SitrepCore

/// The open incidents a coordinator runs, found by channel (for every chat line) or by id (for timers).
struct OpenIncidents {
    private var byChannel: [String: Incident] = [:]
    private var channelKeyByID: [Int64: String] = [:]

    /// Every open incident, by id.
    var all: [Incident] { byChannel.values.sorted { $0.id < $1.id } }

    func incident(channelKey: String) -> Incident? {
        byChannel[channelKey]
    }

    func incident(id: Int64) -> Incident? {
        channelKeyByID[id].flatMap { byChannel[$0] }
    }

    /// Stores the latest version of an incident; a closed or cancelled one is dropped.
    mutating func update(_ incident: Incident, channelKey: String) {
        guard incident.isOpen else {
            byChannel[channelKey] = nil
            channelKeyByID[incident.id] = nil
            return
        }
        byChannel[channelKey] = incident
        channelKeyByID[incident.id] = channelKey
    }
}
