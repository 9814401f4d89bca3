import SitrepCore

/// Where the alert hooks hand what monitoring sent, once authenticated and decoded: the rest of sitrep records
/// the alerts, applies the rules and speaks in chat. `SitrepApp` implements it (`AlertIntake`); the web side
/// knows nothing more about incidents.
public protocol AlertSink: Sendable {
    /// Takes one webhook call's alerts, in payload order; returns what was done, for the HTTP response.
    /// Throws when the alerts could not be recorded (the hook answers 503 so the sender retries).
    func receive(_ notices: [AlertNotice]) async throws -> AlertIntakeSummary
}
