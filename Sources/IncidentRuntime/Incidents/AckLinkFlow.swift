import Notify
import SitrepCore

/// Acknowledging from the link in a page email or push: the same `/ack` as typed in chat (`ChangeFlow`), by the
/// person the page went to, recorded on the timeline and said in the incident channel, after which the link is
/// used up. It runs on the coordinator (an `isolated` parameter), whose `PageDesk` holds the links in use: a link
/// is checked and marked in use in one step, so two clicks at once acknowledge once.
enum AckLinkFlow {
    /// The reason an attempt whose link was used carries (and how a used link is recognised).
    static let linkUsedReason = "acknowledged with this page's link"

    /// What the acknowledge page shows for `claims`.
    static func summary(for claims: AckClaims, on coordinator: isolated IncidentCoordinator) async throws
        -> AckLinkSummary?
    {
        guard let incident = try await currentIncident(claims.incidentID, on: coordinator) else { return nil }
        let attempt = try await coordinator.store.pageAttempts(incidentID: incident.id).first {
            $0.id == claims.attemptID
        }
        return AckLinkSummary(
            incidentID: incident.id, title: incident.title, severity: "\(incident.severity)",
            state: incident.state.rawValue, acknowledgedBy: incident.acknowledgedBy?.nick,
            isClosed: !incident.isOpen || incident.state == .resolved,
            linkUsed: attempt?.reason == linkUsedReason)
    }

    /// Acknowledges the incident of `claims` as the person its page attempt went to.
    static func acknowledge(_ claims: AckClaims, on coordinator: isolated IncidentCoordinator) async throws
        -> AckLinkOutcome
    {
        let store = coordinator.store
        guard let incident = try await currentIncident(claims.incidentID, on: coordinator),
            let attempt = try await store.pageAttempts(incidentID: incident.id).first(where: { $0.id == claims.attemptID }),
            attempt.person.name == claims.person
        else { return .closed }
        if attempt.reason == linkUsedReason || coordinator.pageDesk.linksInUse.contains(attempt.id) {
            return .alreadyUsed
        }
        guard incident.isOpen, incident.state != .resolved else { return .closed }
        if let by = incident.acknowledgedBy { return .alreadyAcknowledged(by: by.nick) }
        guard coordinator.pageDesk.linkUseBegins(attempt.id) else { return .alreadyUsed }
        defer { coordinator.pageDesk.linkUseEnded(attempt.id) }
        let now = coordinator.clock()
        let sender = Participant(identity: attempt.person, nick: attempt.person.name)
        let event = ChatEvent(
            kind: .message(text: "ack", style: .plain), channel: incident.channel, sender: sender, time: now)
        _ = try await coordinator.withHints(for: incident.channel.name) {
            try await ChangeFlow.change(
                incident, with: .ack, from: event, replyTo: incident.channel.name, on: coordinator)
        }
        guard let after = coordinator.open.incident(id: incident.id), after.acknowledgedBy?.identity == attempt.person
        else {
            let current = coordinator.open.incident(id: incident.id)
            return current?.acknowledgedBy.map { .alreadyAcknowledged(by: $0.nick) } ?? .closed
        }
        try await store.updatePageAttempt(id: attempt.id, status: .acknowledged, reason: linkUsedReason, at: now)
        coordinator.logger.info(
            "acknowledged through a page link",
            metadata: ["incident": "\(incident.id)", "person": "\(attempt.person)", "method": "\(attempt.method)"])
        return .acknowledged
    }

    private static func currentIncident(_ id: Int64, on coordinator: isolated IncidentCoordinator) async throws
        -> Incident?
    {
        if let incident = coordinator.open.incident(id: id) { return incident }
        return try await coordinator.store.incident(id: id)
    }
}
