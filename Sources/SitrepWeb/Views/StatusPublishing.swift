import SitrepCore

/// What the public status page shows of an incident: the operator's choice (`web.publish`).
///
/// Stakeholders read the page, so by default nothing reaches it until a person writes for them: an incident
/// appears with its first `!update`, and its page shows the updates, severity, state and times, but neither the
/// people (lead) nor the review (root cause, follow-ups). `immediately` is the older behaviour: every incident as
/// soon as it is declared (an alert-declared one under the alert's text), with its lead and, once closed, the
/// review summary.
public enum StatusPublishing: String, Sendable, Equatable, CaseIterable {
    case onUpdate = "on_update"
    case immediately

    /// Whether `incident` is on the public pages at all.
    public func publishes(_ incident: Incident) -> Bool {
        self == .immediately || incident.publicStatus != nil
    }

    /// Whether the public pages name people and show the review summary.
    public var showsPeopleAndReview: Bool { self == .immediately }
}
