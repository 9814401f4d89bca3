import PostgresNIO
import SitrepCore
import StoreKit

/// A row of the `alert` table: the column list, the statements writing an `Alert`, and reading one back.
/// Text is escaped by `PostgresText`; labels and annotations are JSON text with sorted keys (`JSONText`).
enum AlertRow {
    static let columns = """
        id, source, fingerprint, status, labels, annotations, url, starts_at_ms, first_seen_ms, last_seen_ms, \
        resolved_at_ms, count, incident_id
        """

    /// Inserts a new alert under its allocated id.
    static func insert(_ alert: Alert) throws -> PostgresQuery {
        """
        INSERT INTO alert (\(unescaped: columns)) VALUES (
            \(alert.id), \(PostgresText.encode(alert.source)), \(PostgresText.encode(alert.fingerprint)),
            \(alert.status.rawValue), \(try JSONText.encode(alert.labels)), \(try JSONText.encode(alert.annotations)),
            \(PostgresText.encode(alert.url)), \(alert.startsAt?.milliseconds), \(alert.firstSeenAt.milliseconds),
            \(alert.lastSeenAt.milliseconds), \(alert.resolvedAt?.milliseconds), \(Int64(alert.count)),
            \(alert.incidentID))
        """
    }

    /// Writes what a notice can change (everything but the id, source, fingerprint, first sighting and incident).
    static func update(_ alert: Alert) throws -> PostgresQuery {
        """
        UPDATE alert SET status = \(alert.status.rawValue), labels = \(try JSONText.encode(alert.labels)),
            annotations = \(try JSONText.encode(alert.annotations)), url = \(PostgresText.encode(alert.url)),
            starts_at_ms = \(alert.startsAt?.milliseconds), last_seen_ms = \(alert.lastSeenAt.milliseconds),
            resolved_at_ms = \(alert.resolvedAt?.milliseconds), count = \(Int64(alert.count))
        WHERE id = \(alert.id)
        """
    }

    static func alert(_ row: PostgresRow) throws -> Alert {
        let cells = row.makeRandomAccess()
        let status = try cells[3].decode(String.self)
        guard let alertStatus = AlertStatus(rawValue: status) else {
            throw StoreError.unreadableRow("alert with status \(status)")
        }
        return Alert(
            id: try cells[0].decode(Int64.self),
            source: PostgresText.decode(try cells[1].decode(String.self)),
            fingerprint: PostgresText.decode(try cells[2].decode(String.self)),
            status: alertStatus,
            labels: try JSONText.decode([String: String].self, try cells[4].decode(String.self)),
            annotations: try JSONText.decode([String: String].self, try cells[5].decode(String.self)),
            url: PostgresText.decode(try cells[6].decode(String?.self)),
            startsAt: try cells[7].decode(Int64?.self).map(Timestamp.init(milliseconds:)),
            firstSeenAt: Timestamp(milliseconds: try cells[8].decode(Int64.self)),
            lastSeenAt: Timestamp(milliseconds: try cells[9].decode(Int64.self)),
            resolvedAt: try cells[10].decode(Int64?.self).map(Timestamp.init(milliseconds:)),
            count: Int(try cells[11].decode(Int64.self)),
            incidentID: try cells[12].decode(Int64?.self)
        )
    }
}
