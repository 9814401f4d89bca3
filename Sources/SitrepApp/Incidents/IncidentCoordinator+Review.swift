import SitrepCore

extension IncidentCoordinator {
    /// The `/postmortem` reply: the review built from the key events and follow-ups, in three lines.
    ///
    /// Reads key events only (the chat summary does not need the transcript); waits for pending transcript
    /// writes first so a factor or note recorded a moment ago is counted.
    func reviewSummary(of incident: Incident) async throws -> [String] {
        try await writer.drain()
        let entries = try await store.timeline(incidentID: incident.id, limit: nil, keyEventsOnly: true)
        let followUps = try await store.followUps(incidentID: incident.id, openOnly: false)
        let document = ReviewDocument(
            incident: incident, timeline: entries, followUps: followUps, generatedAt: clock())
        return document.chatSummary()
    }
}
