import Notify
import SitrepWeb
import SitrepCore

/// Acknowledging from the link in a page email or push: the same `/ack` as typed in chat, by the person the
/// page went to, recorded on the timeline and said in the incident channel, after which the link is used up.
extension IncidentCoordinator {
    /// What the acknowledge page shows for `claims`.
    public func ackLinkSummary(for claims: AckClaims) async throws -> AckLinkSummary? {
        guard let incident = try await currentIncident(claims.incidentID) else { return nil }
        let attempt = try await store.pageAttempts(incidentID: incident.id).first { $0.id == claims.attemptID }
        return AckLinkSummary(
            incidentID: incident.id, title: incident.title, severity: "\(incident.severity)",
            state: incident.state.rawValue, acknowledgedBy: incident.acknowledgedBy?.nick,
            isClosed: !incident.isOpen || incident.state == .resolved,
            linkUsed: attempt?.reason == Self.linkUsedReason)
    }

    /// Acknowledges the incident of `claims` as the person its page attempt went to.
    public func acknowledge(viaLink claims: AckClaims) async throws -> AckLinkOutcome {
        guard let incident = try await currentIncident(claims.incidentID),
            let attempt = try await store.pageAttempts(incidentID: incident.id).first(where: { $0.id == claims.attemptID }),
            attempt.person.name == claims.person
        else { return .closed }
        if attempt.reason == Self.linkUsedReason || pageDesk.linksInUse.contains(attempt.id) { return .alreadyUsed }
        guard incident.isOpen, incident.state != .resolved else { return .closed }
        if let by = incident.acknowledgedBy { return .alreadyAcknowledged(by: by.nick) }
        guard pageDesk.linkUseBegins(attempt.id) else { return .alreadyUsed }
        defer { pageDesk.linkUseEnded(attempt.id) }
        let now = clock()
        let sender = Participant(identity: attempt.person, nick: attempt.person.name)
        let event = ChatEvent(
            kind: .message(text: "ack", style: .plain), channel: incident.channel, sender: sender, time: now)
        _ = try await withHints(for: incident.channel.name) {
            try await change(incident, with: .ack, from: event, replyTo: incident.channel.name)
        }
        guard let after = open.incident(id: incident.id), after.acknowledgedBy?.identity == attempt.person else {
            return open.incident(id: incident.id)?.acknowledgedBy.map { .alreadyAcknowledged(by: $0.nick) } ?? .closed
        }
        try await store.updatePageAttempt(id: attempt.id, status: .acknowledged, reason: Self.linkUsedReason, at: now)
        logger.info(
            "acknowledged through a page link",
            metadata: ["incident": "\(incident.id)", "person": "\(attempt.person)", "method": "\(attempt.method)"])
        return .acknowledged
    }

    /// The reason an attempt whose link was used carries (and how a used link is recognised).
    static let linkUsedReason = "acknowledged with this page's link"

    private func currentIncident(_ id: Int64) async throws -> Incident? {
        if let incident = open.incident(id: id) { return incident }
        return try await store.incident(id: id)
    }
}

/// The web side's acknowledge-link handler: the coordinator does the work.
struct CoordinatorAckLinkHandler: AcknowledgeLinkHandler {
    let coordinator: IncidentCoordinator

    func summary(for claims: AckClaims) async throws -> AckLinkSummary? {
        try await coordinator.ackLinkSummary(for: claims)
    }

    func acknowledge(_ claims: AckClaims) async throws -> AckLinkOutcome {
        try await coordinator.acknowledge(viaLink: claims)
    }
}

extension IncidentCoordinator {
    /// How commands are typed where incident `incidentID` is run (`!` unless configured), for hints sent
    /// outside chat; `!` when the incident is not open.
    public func commandPrefix(ofIncident incidentID: Int64) -> String {
        guard let incident = open.incident(id: incidentID) else { return "!" }
        return network.commandPrefix(in: incident.channel.name)
    }
}
