import SitrepCore

/// One incident as stakeholders see it: on the status page and as the `incident` object of the JSON API.
///
/// The JSON fields (snake_case, see `CodingKeys`) are a stable interface; times are ISO 8601 in UTC. The other
/// properties are the page's display texts and are not encoded.
public struct IncidentView: Encodable, Sendable, Equatable {
    public let id: Int64
    public let title: String
    /// `SEV1` … `SEV4`.
    public let severity: String
    /// `P1` … `P5`, when set.
    public let priority: String?
    public let category: String?
    public let services: [String]
    /// `investigating`, `identified`, `mitigated`, `resolved`, `closed` or `cancelled`.
    public let state: String
    /// The incident commander's nick, when someone leads.
    public let lead: String?
    public let declaredAt: String
    public let acknowledgedAt: String?
    public let mitigatedAt: String?
    public let resolvedAt: String?
    public let closedAt: String?
    /// Seconds since declaration.
    public let ageSeconds: Int64
    /// Seconds from declaration to resolution, once resolved.
    public let durationSeconds: Int64?
    /// The latest `/update`, and when it was posted.
    public let publicStatus: String?
    public let publicStatusAt: String?
    /// The incident's public page, relative to the site (`/incidents/4`).
    public let url: String
    /// `firing` while an alert linked to the incident fires, `recovered` once every linked alert has resolved
    /// (the monitoring sees the problem gone, whatever the incident's state), nil when no alert is linked.
    public let alertStatus: String?

    // Display texts, for the page only.
    let name: String
    let severityClass: String
    let stateClass: String
    let ageText: String
    let declaredText: String
    let publicStatusAtText: String?
    let resolvedText: String?
    let closedText: String?
    let durationText: String?
    let servicesText: String?
    let alertRecovered: Bool

    enum CodingKeys: String, CodingKey {
        case id, title, severity, priority, category, services, state, lead
        case declaredAt = "declared_at"
        case acknowledgedAt = "acknowledged_at"
        case mitigatedAt = "mitigated_at"
        case resolvedAt = "resolved_at"
        case closedAt = "closed_at"
        case ageSeconds = "age_seconds"
        case durationSeconds = "duration_seconds"
        case publicStatus = "public_status"
        case publicStatusAt = "public_status_at"
        case url
        case alertStatus = "alert_status"
    }

    /// Every field is written, absent values as `null`, so clients see the same keys every time.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(severity, forKey: .severity)
        try container.encode(priority, forKey: .priority)
        try container.encode(category, forKey: .category)
        try container.encode(services, forKey: .services)
        try container.encode(state, forKey: .state)
        try container.encode(lead, forKey: .lead)
        try container.encode(declaredAt, forKey: .declaredAt)
        try container.encode(acknowledgedAt, forKey: .acknowledgedAt)
        try container.encode(mitigatedAt, forKey: .mitigatedAt)
        try container.encode(resolvedAt, forKey: .resolvedAt)
        try container.encode(closedAt, forKey: .closedAt)
        try container.encode(ageSeconds, forKey: .ageSeconds)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(publicStatus, forKey: .publicStatus)
        try container.encode(publicStatusAt, forKey: .publicStatusAt)
        try container.encode(url, forKey: .url)
        try container.encode(alertStatus, forKey: .alertStatus)
    }

    /// `showsLead` false leaves the lead's nick out (`StatusPublishing.onUpdate`); `alerts` are the monitoring
    /// alerts linked to the incident.
    public init(_ incident: Incident, now: Timestamp, showsLead: Bool = true, alerts: [Alert] = []) {
        id = incident.id
        title = incident.title
        severity = incident.severity.description
        priority = incident.priority?.description
        category = incident.category
        services = incident.services
        state = incident.state.rawValue
        lead = showsLead ? incident.lead?.nick : nil
        declaredAt = WebTime.iso(incident.declaredAt)
        acknowledgedAt = incident.acknowledgedAt.map(WebTime.iso)
        mitigatedAt = incident.mitigatedAt.map(WebTime.iso)
        resolvedAt = incident.resolvedAt.map(WebTime.iso)
        closedAt = incident.closedAt.map(WebTime.iso)
        ageSeconds = WebTime.seconds(from: incident.declaredAt, to: now)
        durationSeconds = incident.resolvedAt.map { WebTime.seconds(from: incident.declaredAt, to: $0) }
        publicStatus = incident.publicStatus
        publicStatusAt = incident.publicStatusAt.map(WebTime.iso)
        url = "/incidents/\(incident.id)"
        alertStatus =
            alerts.isEmpty ? nil : alerts.contains { $0.status == .firing } ? "firing" : "recovered"
        alertRecovered = alertStatus == "recovered"

        name = "INC-\(incident.id)"
        severityClass = "sev\(incident.severity.rawValue)"
        stateClass = incident.state.rawValue
        ageText = WebTime.age(incident.declaredAt.duration(to: now))
        declaredText = WebTime.display(incident.declaredAt)
        publicStatusAtText = incident.publicStatusAt.map(WebTime.display)
        resolvedText = incident.resolvedAt.map(WebTime.display)
        closedText = incident.closedAt.map(WebTime.display)
        durationText = incident.resolvedAt.map { WebTime.age(incident.declaredAt.duration(to: $0)) }
        servicesText = incident.services.isEmpty ? nil : incident.services.joined(separator: ", ")
    }
}

extension IncidentView: TemplateFields {
    static let templateFields: [String: PartialKeyPath<IncidentView> & Sendable] = [
        "id": \.id, "title": \.title, "severity": \.severity, "priority": \.priority, "category": \.category,
        "services": \.services, "state": \.state, "lead": \.lead, "declaredAt": \.declaredAt,
        "acknowledgedAt": \.acknowledgedAt, "mitigatedAt": \.mitigatedAt, "resolvedAt": \.resolvedAt,
        "closedAt": \.closedAt, "ageSeconds": \.ageSeconds, "durationSeconds": \.durationSeconds,
        "publicStatus": \.publicStatus, "publicStatusAt": \.publicStatusAt, "url": \.url,
        "name": \.name, "severityClass": \.severityClass, "stateClass": \.stateClass, "ageText": \.ageText,
        "declaredText": \.declaredText, "publicStatusAtText": \.publicStatusAtText, "resolvedText": \.resolvedText,
        "closedText": \.closedText, "durationText": \.durationText, "servicesText": \.servicesText,
        "alertStatus": \.alertStatus, "alertRecovered": \.alertRecovered,
    ]
}
