/// Whether a monitoring alert is firing or has resolved.
public enum AlertStatus: String, Sendable, Equatable, Codable, CaseIterable, CustomStringConvertible {
    case firing
    case resolved

    public var description: String { rawValue }
}

/// One alert as a monitoring source reported it, whatever its format (Alertmanager, the generic JSON hook): what
/// the intake records, matches against the rules and announces. Built by the webhook decoders.
///
/// `source` and `fingerprint` together identify the alert across notifications: Alertmanager repeats every
/// alert of a group in each notification, and the same fingerprint means the same alert.
public struct AlertNotice: Sendable, Equatable, Codable {
    /// Who sent it: `alertmanager`, or the generic payload's `source` (`generic` when it names none).
    public var source: String
    /// Stable identity of the alert within its source (Alertmanager's label-set hash).
    public var fingerprint: String
    public var status: AlertStatus
    public var labels: [String: String]
    /// Free text about the alert (`summary`, `description`, `runbook_url`, …).
    public var annotations: [String: String]
    /// When the source says the alert started firing.
    public var startsAt: Timestamp?
    /// When it resolved (Alertmanager also sends a future end time for firing alerts; it is kept as given).
    public var endsAt: Timestamp?
    /// A link to the alert at its source (Alertmanager's `generatorURL`).
    public var url: String?

    public init(
        source: String,
        fingerprint: String,
        status: AlertStatus,
        labels: [String: String] = [:],
        annotations: [String: String] = [:],
        startsAt: Timestamp? = nil,
        endsAt: Timestamp? = nil,
        url: String? = nil
    ) {
        self.source = source
        self.fingerprint = fingerprint
        self.status = status
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.url = url
    }

    /// What people call the alert: the `summary` annotation, else the `title` annotation, else the `alertname`
    /// label, else `alert <fingerprint>`.
    public var title: String {
        Self.title(labels: labels, annotations: annotations, fingerprint: fingerprint)
    }

    static func title(labels: [String: String], annotations: [String: String], fingerprint: String) -> String {
        for text in [annotations["summary"], annotations["title"], labels["alertname"]] {
            if let text, ChatText.oneLine(text).contains(where: { $0 != " " }) { return text }
        }
        return "alert \(fingerprint)"
    }
}
