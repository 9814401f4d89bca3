import Foundation
import GRDB
import SitrepCore

/// A row of the `alert` table. Ids are allocated by SQLite (AUTOINCREMENT: global, never reused).
struct AlertRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "alert"

    var id: Int64?
    var source: String
    var fingerprint: String
    var status: String
    var labels: [String: String]
    var annotations: [String: String]
    var url: StoredText?
    var startsAtMs: Int64?
    var firstSeenMs: Int64
    var lastSeenMs: Int64
    var resolvedAtMs: Int64?
    var count: Int
    var incidentID: Int64?

    enum CodingKeys: String, CodingKey {
        case id, source, fingerprint, status, labels, annotations, url, count
        case startsAtMs = "starts_at_ms"
        case firstSeenMs = "first_seen_ms"
        case lastSeenMs = "last_seen_ms"
        case resolvedAtMs = "resolved_at_ms"
        case incidentID = "incident_id"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let source = Column(CodingKeys.source)
        static let fingerprint = Column(CodingKeys.fingerprint)
        static let incidentID = Column(CodingKeys.incidentID)
    }

    /// JSON columns are written with sorted keys so equal label sets give equal rows.
    static func databaseJSONEncoder(for column: String) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// A new row for the first notice of an alert.
    init(_ notice: AlertNotice, at time: Timestamp) {
        let alert = Alert(id: 0, notice: notice, at: time)
        source = alert.source
        fingerprint = alert.fingerprint
        status = alert.status.rawValue
        labels = alert.labels
        annotations = alert.annotations
        url = StoredText(alert.url)
        startsAtMs = alert.startsAt?.milliseconds
        firstSeenMs = time.milliseconds
        lastSeenMs = time.milliseconds
        resolvedAtMs = alert.resolvedAt?.milliseconds
        count = 1
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Takes the notice's labels, annotations, link and start time, seen at `time`.
    mutating func refresh(from notice: AlertNotice, at time: Timestamp) {
        labels = notice.labels
        annotations = notice.annotations
        url = StoredText(notice.url)
        startsAtMs = notice.startsAt?.milliseconds ?? startsAtMs
        lastSeenMs = time.milliseconds
    }

    func alert() -> Alert {
        Alert(
            id: id ?? 0,
            source: source,
            fingerprint: fingerprint,
            status: AlertStatus(rawValue: status) ?? .firing,
            labels: labels,
            annotations: annotations,
            url: url?.string,
            startsAt: startsAtMs.map(Timestamp.init(milliseconds:)),
            firstSeenAt: Timestamp(milliseconds: firstSeenMs),
            lastSeenAt: Timestamp(milliseconds: lastSeenMs),
            resolvedAt: resolvedAtMs.map(Timestamp.init(milliseconds:)),
            count: count,
            incidentID: incidentID
        )
    }
}
