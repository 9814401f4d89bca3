import Foundation
import GRDB
import SitrepCore
import StoreKit

/// A row of the `incident` table: the scalar fields of an `Incident` as columns, participants, roles and
/// services as JSON text, timestamps as milliseconds since the epoch.
struct IncidentRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "incident"

    var id: Int64
    var title: StoredText
    var severity: Int
    var priority: Int?
    var category: StoredText?
    var services: [String]
    var state: String
    var channelNetwork: StoredText
    var channelName: StoredText
    var declaredBy: Participant
    var lead: Participant?
    var roles: [String: Participant]
    var declaredAtMs: Int64
    var acknowledgedAtMs: Int64?
    var acknowledgedBy: Participant?
    var mitigatedAtMs: Int64?
    var resolvedAtMs: Int64?
    var closedAtMs: Int64?
    var rootCause: StoredText?
    var resolution: StoredText?
    var publicStatus: StoredText?
    var publicStatusAtMs: Int64?
    var escalationLevel: Int
    var lastEscalatedAtMs: Int64?
    var snoozedUntilMs: Int64?
    var leadLastSpokeAtMs: Int64?

    enum CodingKeys: String, CodingKey {
        case id, title, severity, priority, category, services, state
        case channelNetwork = "channel_network"
        case channelName = "channel_name"
        case declaredBy = "declared_by"
        case lead, roles
        case declaredAtMs = "declared_at_ms"
        case acknowledgedAtMs = "acknowledged_at_ms"
        case acknowledgedBy = "acknowledged_by"
        case mitigatedAtMs = "mitigated_at_ms"
        case resolvedAtMs = "resolved_at_ms"
        case closedAtMs = "closed_at_ms"
        case rootCause = "root_cause"
        case resolution
        case publicStatus = "public_status"
        case publicStatusAtMs = "public_status_at_ms"
        case escalationLevel = "escalation_level"
        case lastEscalatedAtMs = "last_escalated_at_ms"
        case snoozedUntilMs = "snoozed_until_ms"
        case leadLastSpokeAtMs = "lead_last_spoke_at_ms"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let state = Column(CodingKeys.state)
        static let channelNetwork = Column(CodingKeys.channelNetwork)
        static let channelName = Column(CodingKeys.channelName)
    }

    /// JSON columns are written with sorted keys so equal incidents give equal rows.
    static func databaseJSONEncoder(for column: String) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    init(_ incident: Incident) {
        id = incident.id
        title = StoredText(incident.title)
        severity = incident.severity.rawValue
        priority = incident.priority?.rawValue
        category = StoredText(incident.category)
        services = incident.services
        state = incident.state.rawValue
        channelNetwork = StoredText(incident.channel.network)
        channelName = StoredText(incident.channel.name)
        declaredBy = incident.declaredBy
        lead = incident.lead
        roles = incident.roles
        declaredAtMs = incident.declaredAt.milliseconds
        acknowledgedAtMs = incident.acknowledgedAt?.milliseconds
        acknowledgedBy = incident.acknowledgedBy
        mitigatedAtMs = incident.mitigatedAt?.milliseconds
        resolvedAtMs = incident.resolvedAt?.milliseconds
        closedAtMs = incident.closedAt?.milliseconds
        rootCause = StoredText(incident.rootCause)
        resolution = StoredText(incident.resolution)
        publicStatus = StoredText(incident.publicStatus)
        publicStatusAtMs = incident.publicStatusAt?.milliseconds
        escalationLevel = incident.escalationLevel
        lastEscalatedAtMs = incident.lastEscalatedAt?.milliseconds
        snoozedUntilMs = incident.snoozedUntil?.milliseconds
        leadLastSpokeAtMs = incident.leadLastSpokeAt?.milliseconds
    }

    /// The incident this row stores; fails on a severity, priority or state this version does not know.
    func incident() throws -> Incident {
        guard let severity = Severity(rawValue: severity), let state = IncidentState(rawValue: state) else {
            throw StoreError.databaseFailure(
                operation: "read incident #\(id)",
                reason: "unknown severity \(severity) or state \(state)",
                advice: "the row was written by a newer sitrep; upgrade sitrep"
            )
        }
        var incident = Incident(
            id: id,
            title: title.string,
            severity: severity,
            channel: ChatChannel(network: channelNetwork.string, name: channelName.string),
            declaredBy: declaredBy,
            declaredAt: Timestamp(milliseconds: declaredAtMs),
            state: state
        )
        incident.priority = priority.flatMap(Priority.init(rawValue:))
        incident.category = category?.string
        incident.services = services
        incident.lead = lead
        incident.roles = roles
        incident.acknowledgedAt = acknowledgedAtMs.map(Timestamp.init(milliseconds:))
        incident.acknowledgedBy = acknowledgedBy
        incident.mitigatedAt = mitigatedAtMs.map(Timestamp.init(milliseconds:))
        incident.resolvedAt = resolvedAtMs.map(Timestamp.init(milliseconds:))
        incident.closedAt = closedAtMs.map(Timestamp.init(milliseconds:))
        incident.rootCause = rootCause?.string
        incident.resolution = resolution?.string
        incident.publicStatus = publicStatus?.string
        incident.publicStatusAt = publicStatusAtMs.map(Timestamp.init(milliseconds:))
        incident.escalationLevel = escalationLevel
        incident.lastEscalatedAt = lastEscalatedAtMs.map(Timestamp.init(milliseconds:))
        incident.snoozedUntil = snoozedUntilMs.map(Timestamp.init(milliseconds:))
        incident.leadLastSpokeAt = leadLastSpokeAtMs.map(Timestamp.init(milliseconds:))
        return incident
    }
}
