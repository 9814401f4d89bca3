import IncidentRuntime
import Notify
import SitrepWeb

/// The web side's acknowledge-link handler, wired in by the composition root: the coordinator does the work
/// (`AckLinkFlow`).
struct CoordinatorAckLinkHandler: AcknowledgeLinkHandler {
    let coordinator: IncidentCoordinator

    init(coordinator: IncidentCoordinator) {
        self.coordinator = coordinator
    }

    func summary(for claims: AckClaims) async throws -> AckLinkSummary? {
        try await coordinator.ackLinkSummary(for: claims)
    }

    func acknowledge(_ claims: AckClaims) async throws -> AckLinkOutcome {
        try await coordinator.acknowledge(viaLink: claims)
    }
}
