import PostgresNIO
import SitrepCore
import StoreKit

/// `AlertStore`: a webhook's notices are recorded in one transaction that holds an advisory lock, so two
/// webhooks arriving together take turns: neither opens a second alert for a fingerprint the other just opened,
/// and ids are allocated 1, 2, 3… without holes.
extension PostgresIncidentStore {
    /// The advisory lock that serializes alert recording ("alerts" in ASCII).
    static let alertLockKey: Int64 = 0x61_6c65_7274_73

    public func recordAlerts(_ notices: [AlertNotice], at time: Timestamp) async throws -> [AlertRecording] {
        guard !notices.isEmpty else { return [] }
        return try await write("recording \(notices.count) alerts") { [self] connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.alertLockKey))", logger: logger)
            let newest = try await connection.rows("SELECT COALESCE(MAX(id), 0) FROM alert", logger: logger)
            var nextID = try (newest.first?.decode(Int64.self) ?? 0) + 1
            var recordings: [AlertRecording] = []
            recordings.reserveCapacity(notices.count)
            for notice in notices {
                let latest = try await connection.rows(
                    """
                    SELECT \(unescaped: AlertRow.columns) FROM alert
                    WHERE source = \(PostgresText.encode(notice.source))
                    AND fingerprint = \(PostgresText.encode(notice.fingerprint))
                    ORDER BY id DESC LIMIT 1
                    """, logger: logger
                ).first.map(AlertRow.alert)
                switch notice.status {
                case .firing:
                    recordings.append(try await fire(latest, notice, at: time, nextID: &nextID, connection))
                case .resolved:
                    if let recording = try await resolve(latest, notice, at: time, connection) {
                        recordings.append(recording)
                    }
                }
            }
            return recordings
        }
    }

    public func alert(id: Int64) async throws -> Alert? {
        try await alerts("read of alert \(id)", "SELECT \(unescaped: AlertRow.columns) FROM alert WHERE id = \(id)")
            .first
    }

    public func linkAlerts(ids: [Int64], toIncident incidentID: Int64) async throws -> [Alert] {
        try await write("linking alerts to incident #\(incidentID)") { [self] connection in
            let incident = try await connection.rows("SELECT 1 FROM incident WHERE id = \(incidentID)", logger: logger)
            guard !incident.isEmpty else { throw StoreError.unknownIncident(incidentID) }
            let linked = try await connection.rows(
                """
                UPDATE alert SET incident_id = \(incidentID) WHERE id = ANY(\(ids)::bigint[])
                RETURNING \(unescaped: AlertRow.columns)
                """, logger: logger)
            return try linked.map(AlertRow.alert).sorted { $0.id < $1.id }
        }
    }

    public func alerts(incidentID: Int64) async throws -> [Alert] {
        try await alerts(
            "read of the alerts of incident #\(incidentID)",
            "SELECT \(unescaped: AlertRow.columns) FROM alert WHERE incident_id = \(incidentID) ORDER BY id")
    }

    private func alerts(_ operation: String, _ query: PostgresQuery) async throws -> [Alert] {
        let rows = try await rows(operation, query, isRead: true)
        do {
            return try rows.map(AlertRow.alert)
        } catch {
            throw StoreError.wrap(error, operation: operation)
        }
    }

    /// A firing notice: repeat of a firing alert, a flapping alert of an open incident firing again, or a new one.
    private func fire(
        _ latest: Alert?,
        _ notice: AlertNotice,
        at time: Timestamp,
        nextID: inout Int64,
        _ connection: PostgresConnection
    ) async throws -> AlertRecording {
        if var alert = latest {
            let isFiring = alert.status == .firing
            let refires = isFiring ? false : try await isOpenIncident(alert.incidentID, connection)
            if isFiring || refires {
                alert.refresh(from: notice, at: time)
                alert.count += 1
                alert.status = .firing
                alert.resolvedAt = nil
                try await connection.query(try AlertRow.update(alert), logger: logger)
                return AlertRecording(alert: alert, change: isFiring ? .repeated : .refired)
            }
        }
        let alert = Alert(id: nextID, notice: notice, at: time)
        nextID += 1
        try await connection.query(try AlertRow.insert(alert), logger: logger)
        return AlertRecording(alert: alert, change: .opened)
    }

    /// A resolved notice: resolves the latest alert if it is firing; nil when there is none.
    private func resolve(
        _ latest: Alert?,
        _ notice: AlertNotice,
        at time: Timestamp,
        _ connection: PostgresConnection
    ) async throws -> AlertRecording? {
        guard var alert = latest else { return nil }
        guard alert.status == .firing else { return AlertRecording(alert: alert, change: .resolvedAgain) }
        alert.refresh(from: notice, at: time)
        alert.status = .resolved
        alert.resolvedAt = notice.endsAt ?? time
        try await connection.query(try AlertRow.update(alert), logger: logger)
        return AlertRecording(alert: alert, change: .resolved)
    }

    private func isOpenIncident(_ id: Int64?, _ connection: PostgresConnection) async throws -> Bool {
        guard let id else { return false }
        let open = try await connection.rows(
            """
            SELECT 1 FROM incident WHERE id = \(id)
            AND state NOT IN (\(IncidentState.closed.rawValue), \(IncidentState.cancelled.rawValue))
            """, logger: logger)
        return !open.isEmpty
    }
}

extension Alert {
    /// Takes the notice's labels, annotations, link and start time (keeping the old start if it sent none),
    /// seen at `time`.
    fileprivate mutating func refresh(from notice: AlertNotice, at time: Timestamp) {
        labels = notice.labels
        annotations = notice.annotations
        url = notice.url
        startsAt = notice.startsAt ?? startsAt
        lastSeenAt = time
    }
}
