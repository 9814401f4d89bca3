import GRDB
import SitrepCore
import StoreKit

extension SQLiteIncidentStore {
    public func recordAlerts(_ notices: [AlertNotice], at time: Timestamp) async throws -> [AlertRecording] {
        try await write("recording \(notices.count) alerts") { db in
            let latestStatement = try db.cachedStatement(
                sql: "SELECT * FROM alert WHERE source = ? AND fingerprint = ? ORDER BY id DESC LIMIT 1"
            )
            return try notices.compactMap { notice in
                let latest = try AlertRecord.fetchOne(latestStatement, arguments: [notice.source, notice.fingerprint])
                switch notice.status {
                case .firing: return try Self.fire(latest, notice, at: time, db)
                case .resolved: return try Self.resolve(latest, notice, at: time, db)
                }
            }
        }
    }

    public func alert(id: Int64) async throws -> Alert? {
        try await read("read of alert \(id)") { db in
            try AlertRecord.fetchOne(db, key: id)?.alert()
        }
    }

    public func linkAlerts(ids: [Int64], toIncident incidentID: Int64) async throws -> [Alert] {
        try await write("linking alerts to incident #\(incidentID)") { db in
            guard try IncidentRecord.exists(db, key: incidentID) else {
                throw StoreError.unknownIncident(incidentID)
            }
            let request = AlertRecord.filter(ids.contains(AlertRecord.Columns.id))
            try request.updateAll(db, AlertRecord.Columns.incidentID.set(to: incidentID))
            return try request.order(AlertRecord.Columns.id).fetchAll(db).map { $0.alert() }
        }
    }

    public func alerts(incidentID: Int64) async throws -> [Alert] {
        try await read("read of the alerts of incident #\(incidentID)") { db in
            try AlertRecord
                .filter(AlertRecord.Columns.incidentID == incidentID)
                .order(AlertRecord.Columns.id)
                .fetchAll(db)
                .map { $0.alert() }
        }
    }

    /// A firing notice: repeat of a firing alert, a flapping alert of an open incident firing again, or a new one.
    private static func fire(
        _ latest: AlertRecord?,
        _ notice: AlertNotice,
        at time: Timestamp,
        _ db: Database
    )
        throws -> AlertRecording
    {
        if var record = latest {
            let isFiring = record.status == AlertStatus.firing.rawValue
            if try isFiring || isOpenIncident(record.incidentID, db) {
                record.refresh(from: notice, at: time)
                record.count += 1
                record.status = AlertStatus.firing.rawValue
                record.resolvedAtMs = nil
                try record.update(db)
                return AlertRecording(alert: record.alert(), change: isFiring ? .repeated : .refired)
            }
        }
        var record = AlertRecord(notice, at: time)
        try record.insert(db)
        return AlertRecording(alert: record.alert(), change: .opened)
    }

    /// A resolved notice: resolves the latest alert if it is firing; nil when there is none.
    private static func resolve(
        _ latest: AlertRecord?,
        _ notice: AlertNotice,
        at time: Timestamp,
        _ db: Database
    )
        throws -> AlertRecording?
    {
        guard var record = latest else { return nil }
        guard record.status == AlertStatus.firing.rawValue else {
            return AlertRecording(alert: record.alert(), change: .resolvedAgain)
        }
        record.refresh(from: notice, at: time)
        record.status = AlertStatus.resolved.rawValue
        record.resolvedAtMs = (notice.endsAt ?? time).milliseconds
        try record.update(db)
        return AlertRecording(alert: record.alert(), change: .resolved)
    }

    private static func isOpenIncident(_ id: Int64?, _ db: Database) throws -> Bool {
        guard let id,
            let state = try String.fetchOne(db, sql: "SELECT state FROM incident WHERE id = ?", arguments: [id])
        else { return false }
        return IncidentState(rawValue: state).map { $0 != .closed && $0 != .cancelled } ?? false
    }
}
