/// What a verified copy of a store's history holds (`sitrep migrate-store` prints it).
public struct StoreCopyReport: Sendable, Equatable {
    /// Rows copied per table name (`StoreCopyTable.all`); the target holds exactly as many.
    public var rows: [String: Int]
    /// Incidents whose last timeline line (sequence and hash) was compared on both sides and found equal.
    public var chainHeadsVerified: Int

    public init(rows: [String: Int], chainHeadsVerified: Int) {
        self.rows = rows
        self.chainHeadsVerified = chainHeadsVerified
    }

    public var tables: Int { rows.count }
    public var totalRows: Int { rows.values.reduce(0, +) }
    public var incidents: Int { rows[StoreCopyTable.incident.name] ?? 0 }
}
