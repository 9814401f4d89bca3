import Logging
import PostgresNIO
import SitrepCore
import StoreKit

/// Copying another store's whole history into this one (`sitrep migrate-store`).
extension PostgresIncidentStore {
    /// The tables `importHistory` empties before copying: every table of sitrep's history, the transcript index
    /// included (it is rebuilt from the timeline on demand), but not `lease` or `schema_migrations`.
    static let historyTables = [
        "incident", "timeline", "chain_head", "follow_up", "timer", "solution", "alert", "page_attempt",
        "search_text", "search_transcript", "search_transcript_progress", "meta", "oncall_override",
    ]

    /// Copies every table of `source` (`StoreCopyTable.all`) into this store in one transaction, then verifies it
    /// before committing: equal row counts in every table and an equal last timeline line (sequence and hash) for
    /// every incident. Ids are kept; the follow-up and solution sequences are set past the largest id (incident
    /// and alert ids are allocated as the largest plus one).
    ///
    /// Refuses a target holding any incident, timeline line or alert (`StoreCopyError.targetNotEmpty`) unless
    /// `replacing`, which deletes this store's history first. Takes the id allocation locks, so a sitrep running
    /// against this database waits instead of declaring or recording an alert in the middle. Any failure rolls
    /// everything back: the target is left as it was, and the copy can simply be run again. Errors of the source
    /// and `StoreCopyError`s come out as they are; the target's own become `StoreError`s.
    ///
    /// - Parameter pageSize: rows read from the source and inserted per statement.
    /// - Parameter progress: called after each page with the table and the rows copied into it so far.
    public func importHistory(
        from source: some StoreCopySource, replacing: Bool, pageSize: Int = 5_000,
        progress: @Sendable (StoreCopyTable, Int) -> Void = { _, _ in }
    ) async throws -> StoreCopyReport {
        do {
            let client = try await connector.client()
            return try await client.withTransaction(logger: logger) { connection in
                var importer = HistoryImporter(connection: connection, logger: logger, target: location)
                try await importer.prepare(replacing: replacing)
                for table in StoreCopyTable.all {
                    try await importer.copy(table, from: source, pageSize: pageSize, progress: progress)
                }
                try await importer.advanceSequences()
                return try await importer.verify(against: source)
            }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError, !(inner is PSQLError) { throw inner }
            throw StoreError.wrap(error, operation: "copy of the history")
        } catch let error as PSQLError {
            throw StoreError.wrap(error, operation: "copy of the history")
        }
    }
}

/// The steps of `importHistory`, on the connection of its transaction.
struct HistoryImporter {
    let connection: PostgresConnection
    let logger: Logger
    let target: String
    private(set) var copied: [String: Int] = [:]

    init(connection: PostgresConnection, logger: Logger, target: String) {
        self.connection = connection
        self.logger = logger
        self.target = target
    }

    /// Waits for id allocation by a running sitrep, refuses a non-empty target unless `replacing`, and empties
    /// the history tables.
    func prepare(replacing: Bool) async throws {
        for key in [PostgresIncidentStore.declareLockKey, PostgresIncidentStore.alertLockKey] {
            try await connection.query("SELECT pg_advisory_xact_lock(\(key))", logger: logger)
        }
        if !replacing {
            let incidents = try await count("incident")
            let lines = try await count("timeline")
            let alerts = try await count("alert")
            if incidents + lines + alerts > 0 {
                throw StoreCopyError.targetNotEmpty(
                    target: target, incidents: incidents, timelineLines: lines, alerts: alerts)
            }
        }
        let tables = PostgresIncidentStore.historyTables.joined(separator: ", ")
        try await connection.query(PostgresQuery(unsafeSQL: "TRUNCATE \(tables)"), logger: logger)
    }

    /// Copies `table` page by page in key order.
    mutating func copy(
        _ table: StoreCopyTable, from source: some StoreCopySource, pageSize: Int,
        progress: (StoreCopyTable, Int) -> Void
    ) async throws {
        let limit = max(1, pageSize)
        var total = 0
        var after: StoreCopyRow?
        while true {
            let rows = try await source.rows(of: table, after: after, limit: limit)
            guard !rows.isEmpty else { break }
            try await connection.query(HistoryInsert.query(table, rows), logger: logger)
            total += rows.count
            progress(table, total)
            guard rows.count == limit else { break }
            after = rows.last
        }
        copied[table.name] = total
    }

    /// Sets the identity sequences of `follow_up`, `solution` and `oncall_override` so the next id is the largest copied plus one.
    func advanceSequences() async throws {
        for table in ["follow_up", "solution", "oncall_override"] {
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL)
                        FROM \(table)
                        """), logger: logger)
        }
    }

    /// Compares row counts and chain heads with `source`; a difference throws, which rolls the copy back.
    func verify(against source: some StoreCopySource) async throws -> StoreCopyReport {
        var rows: [String: Int] = [:]
        for table in StoreCopyTable.all {
            let expected = try await source.count(of: table)
            let actual = try await count(table.name)
            guard expected == actual, copied[table.name] == actual else {
                throw StoreCopyError.countMismatch(table: table.name, source: expected, target: actual)
            }
            rows[table.name] = actual
        }
        let expected = try await source.chainHeads()
        let actual = try await chainHeads()
        for id in Set(expected.keys).union(actual.keys).sorted() where expected[id] != actual[id] {
            throw StoreCopyError.chainHeadMismatch(incidentID: id, source: expected[id], target: actual[id])
        }
        return StoreCopyReport(rows: rows, chainHeadsVerified: actual.count)
    }

    func count(_ table: String) async throws -> Int {
        let rows = try await connection.rows(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"), logger: logger)
        return Int(try rows[0].decode(Int64.self))
    }

    /// The last line of each incident's timeline.
    func chainHeads() async throws -> [Int64: StoreCopyHead] {
        let rows = try await connection.rows(
            """
            SELECT t.incident_id, t.seq, t.hash FROM timeline t
            JOIN (SELECT incident_id, MAX(seq) AS seq FROM timeline GROUP BY incident_id) m
            ON m.incident_id = t.incident_id AND m.seq = t.seq
            """, logger: logger)
        var heads: [Int64: StoreCopyHead] = [:]
        for row in rows {
            let (id, sequence, hash) = try row.decode((Int64, Int64, ByteBuffer?).self)
            heads[id] = StoreCopyHead(sequence: sequence, hash: hash.map { Array($0.readableBytesView) })
        }
        return heads
    }
}
