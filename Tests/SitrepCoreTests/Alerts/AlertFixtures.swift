import SitrepCore

/// Alerts and recordings the pure alert tests build from.
enum AlertFixtures {
    static let start = Timestamp(milliseconds: 1_795_000_000_000)

    /// A stored alert with these labels (and `alertname`), firing unless resolved.
    static func alert(
        _ id: Int64,
        _ name: String = "HighErrorRate",
        severity: String? = nil,
        labels: [String: String] = [:],
        status: AlertStatus = .firing,
        incident: Int64? = nil,
        summary: String? = nil
    ) -> Alert {
        var all = labels
        all["alertname"] = name
        if let severity { all["severity"] = severity }
        return Alert(
            id: id,
            source: "alertmanager",
            fingerprint: "fp\(id)",
            status: status,
            labels: all,
            annotations: summary.map { ["summary": $0] } ?? [:],
            firstSeenAt: start,
            lastSeenAt: start,
            resolvedAt: status == .resolved ? start : nil,
            incidentID: incident
        )
    }

    static func recorded(_ alert: Alert, _ change: AlertRecording.Change) -> AlertRecording {
        AlertRecording(alert: alert, change: change)
    }

    /// critical → declare; info → ignore; anything else → post (no rule).
    static let policy = AlertPolicy(
        rules: [
            AlertRule(match: ["severity": ["critical", "page"]], action: .declare, severity: .sev2),
            AlertRule(match: ["severity": ["info"]], action: .ignore),
        ])
}
