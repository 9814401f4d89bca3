import Foundation
import PostgresNIO
import SitrepCore
import StoreKit

/// An `Incident` as a row of the `incident` table: scalar fields as columns, participants and roles as JSON text
/// with sorted keys, services as `text[]`, timestamps as milliseconds since the epoch.
enum IncidentRow {
    /// Every column, in the order `bind` binds and `incident(from:)` reads them.
    static let columns = """
        id, title, severity, priority, category, services, state, channel_network, channel_name, declared_by, lead, \
        roles, declared_at_ms, acknowledged_at_ms, acknowledged_by, mitigated_at_ms, resolved_at_ms, closed_at_ms, \
        root_cause, resolution, public_status, public_status_at_ms, escalation_level, last_escalated_at_ms, \
        snoozed_until_ms, lead_last_spoke_at_ms
        """
    static let columnCount = 26

    /// `INSERT INTO incident` of every column.
    static func insert(_ incident: Incident) throws -> PostgresQuery {
        var builder = QueryBuilder()
        let values = try bind(incident, into: &builder)
        builder.append("INSERT INTO incident (\(columns)) VALUES (\(values.joined(separator: ", ")))")
        return builder.query
    }

    /// `UPDATE incident` of every column but the id; returns the id when the row exists.
    static func update(_ incident: Incident) throws -> PostgresQuery {
        var builder = QueryBuilder()
        let values = try bind(incident, into: &builder)
        let names = columns.split(separator: ",").dropFirst().map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        builder.append(
            "UPDATE incident SET (\(names.joined(separator: ", "))) = (\(values.dropFirst().joined(separator: ", "))) "
                + "WHERE id = \(values[0]) RETURNING id")
        return builder.query
    }

    /// The placeholders of the incident's values, in column order.
    private static func bind(_ incident: Incident, into builder: inout QueryBuilder) throws -> [String] {
        [
            builder.bind(incident.id),
            builder.bind(PostgresText.encode(incident.title)),
            builder.bind(Int64(incident.severity.rawValue)),
            builder.bind(incident.priority.map { Int64($0.rawValue) }),
            builder.bind(PostgresText.encode(incident.category)),
            builder.bind(incident.services.map { PostgresText.encode($0) }),
            builder.bind(incident.state.rawValue),
            builder.bind(PostgresText.encode(incident.channel.network)),
            builder.bind(PostgresText.encode(incident.channel.name)),
            builder.bind(try JSONText.encode(incident.declaredBy)),
            builder.bind(try incident.lead.map(JSONText.encode)),
            builder.bind(try JSONText.encode(incident.roles)),
            builder.bind(incident.declaredAt.milliseconds),
            builder.bind(incident.acknowledgedAt?.milliseconds),
            builder.bind(try incident.acknowledgedBy.map(JSONText.encode)),
            builder.bind(incident.mitigatedAt?.milliseconds),
            builder.bind(incident.resolvedAt?.milliseconds),
            builder.bind(incident.closedAt?.milliseconds),
            builder.bind(PostgresText.encode(incident.rootCause)),
            builder.bind(PostgresText.encode(incident.resolution)),
            builder.bind(PostgresText.encode(incident.publicStatus)),
            builder.bind(incident.publicStatusAt?.milliseconds),
            builder.bind(Int64(incident.escalationLevel)),
            builder.bind(incident.lastEscalatedAt?.milliseconds),
            builder.bind(incident.snoozedUntil?.milliseconds),
            builder.bind(incident.leadLastSpokeAt?.milliseconds),
        ]
    }

    /// The incident of a row selected with `columns` (starting at column `first`).
    static func incident(from row: PostgresRow, first: Int = 0) throws -> Incident {
        let cells = row.makeRandomAccess()
        func cell<T: PostgresDecodable>(_ index: Int, _ type: T.Type) throws -> T {
            try cells[first + index].decode(T.self)
        }
        func time(_ index: Int) throws -> Timestamp? {
            try cell(index, Int64?.self).map(Timestamp.init(milliseconds:))
        }
        let id = try cell(0, Int64.self)
        let severityValue = try cell(2, Int64.self)
        let stateName = try cell(6, String.self)
        guard let severity = Severity(rawValue: Int(severityValue)), let state = IncidentState(rawValue: stateName) else {
            throw StoreError.unreadableRow("incident #\(id) has severity \(severityValue), state \(stateName)")
        }
        var incident = Incident(
            id: id,
            title: PostgresText.decode(try cell(1, String.self)),
            severity: severity,
            channel: ChatChannel(
                network: PostgresText.decode(try cell(7, String.self)), name: PostgresText.decode(try cell(8, String.self))),
            declaredBy: try JSONText.decode(Participant.self, try cell(9, String.self)),
            declaredAt: Timestamp(milliseconds: try cell(12, Int64.self)),
            state: state
        )
        incident.priority = try cell(3, Int64?.self).flatMap { Priority(rawValue: Int($0)) }
        incident.category = PostgresText.decode(try cell(4, String?.self))
        incident.services = try cell(5, [String].self).map { PostgresText.decode($0) }
        incident.lead = try cell(10, String?.self).map { try JSONText.decode(Participant.self, $0) }
        incident.roles = try JSONText.decode([String: Participant].self, try cell(11, String.self))
        incident.acknowledgedAt = try time(13)
        incident.acknowledgedBy = try cell(14, String?.self).map { try JSONText.decode(Participant.self, $0) }
        incident.mitigatedAt = try time(15)
        incident.resolvedAt = try time(16)
        incident.closedAt = try time(17)
        incident.rootCause = PostgresText.decode(try cell(18, String?.self))
        incident.resolution = PostgresText.decode(try cell(19, String?.self))
        incident.publicStatus = PostgresText.decode(try cell(20, String?.self))
        incident.publicStatusAt = try time(21)
        incident.escalationLevel = Int(try cell(22, Int64.self))
        incident.lastEscalatedAt = try time(23)
        incident.snoozedUntil = try time(24)
        incident.leadLastSpokeAt = try time(25)
        return incident
    }
}

/// JSON text columns: sorted keys, so equal values give equal rows. JSON escapes NUL, so no `PostgresText` here.
enum JSONText {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
