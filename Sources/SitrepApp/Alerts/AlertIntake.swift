import SitrepCore
import SitrepWeb

/// The `AlertSink` the alert hooks deliver to: hands each webhook call's alerts to the coordinator, one call at
/// a time, so that a retried or concurrent notification of the same Alertmanager group sees what the previous
/// one did (its alerts linked to the incident) instead of declaring a second incident beside it.
public struct AlertIntake: AlertSink {
    let coordinator: IncidentCoordinator
    private let gate = SerialGate()

    public init(coordinator: IncidentCoordinator) {
        self.coordinator = coordinator
    }

    public func receive(_ notices: [AlertNotice]) async throws -> AlertIntakeSummary {
        try await gate.run { try await coordinator.receiveAlerts(notices) }
    }
}
