/// Why copying a store's history (`sitrep migrate-store`) stopped. The copy runs in one transaction of the
/// target, so after any of these the target holds what it held before.
public enum StoreCopyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target already holds sitrep history; copying would mix two histories.
    case targetNotEmpty(target: String, incidents: Int, timelineLines: Int, alerts: Int)
    /// After copying, a table holds a different number of rows on the two sides.
    case countMismatch(table: String, source: Int, target: Int)
    /// After copying, an incident's last timeline line differs (or is missing) on one side.
    case chainHeadMismatch(incidentID: Int64, source: StoreCopyHead?, target: StoreCopyHead?)
    /// A value read from the source does not fit its column (a damaged or newer source file).
    case unreadableValue(table: String, column: String, reason: String)

    public var description: String {
        switch self {
        case .targetNotEmpty(let target, let incidents, let lines, let alerts):
            "the target \(target) is not empty (\(incidents) incidents, \(lines) timeline lines, \(alerts) alerts); "
                + "nothing was copied. Point --to at an empty database, or add --force to delete its sitrep "
                + "history and copy over it"
        case .countMismatch(let table, let source, let target):
            "verification failed: table \(table) has \(source) rows in the source but \(target) in the target; "
                + "the copy was rolled back, the target is unchanged. Run the migration again and report this"
        case .chainHeadMismatch(let id, let source, let target):
            "verification failed: the timeline chain head of incident #\(id) is "
                + "\(source.map { "\($0)" } ?? "missing") in the source but \(target.map { "\($0)" } ?? "missing") "
                + "in the target; the copy was rolled back, the target is unchanged. Check the source with "
                + "`sitrep verify`, then run the migration again"
        case .unreadableValue(let table, let column, let reason):
            "cannot copy \(table).\(column): \(reason); check the source with `sitrep verify` and "
                + "that this sitrep is as new as the one that wrote it"
        }
    }
}
