import SitrepCore

/// Why a store (SQLite or PostgreSQL) could not do what was asked, worded for the operator who reads it in the
/// log: one error type for both backends, so callers and tests handle a store failure the same way whichever
/// backend runs. The cases each backend adds say so.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An entry, commit, timer or follow-up named an incident that does not exist.
    case unknownIncident(Int64)
    /// `markKeyEvent` named an entry that does not exist.
    case unknownEntry(incidentID: Int64, sequence: Int64)
    /// `replaceTimers` for one incident was given a timer of another.
    case timerOfAnotherIncident(timer: String, incidentID: Int64)
    /// `declare`'s builder returned an incident with another id than the one allocated.
    case idMismatch(allocated: Int64, built: Int64)
    /// A stored row holds a value this version does not know.
    case unreadableRow(String)
    /// The database failed during an operation; `advice` says what to do about this kind of failure.
    case databaseFailure(operation: String, reason: String, advice: String)
    /// SQLite: the database file could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// SQLite: the schema of the file could not be brought up to date.
    case migrationFailed(path: String, reason: String)
    /// PostgreSQL: no configured host could be reached, or none accepted writes; `attempts` says why for each.
    case noWritableHost(attempts: [String])
    /// PostgreSQL: the schema could not be brought up to date.
    case postgresMigrationFailed(reason: String)
    /// PostgreSQL: the store was closed before or during the operation.
    case closed
    /// PostgreSQL: the host went away while a write was committing, so it may or may not be stored; the store
    /// selected a host again, and the caller decides whether to repeat the write (see `HostFailure`).
    case commitOutcomeUnknown(operation: String, reason: String)

    public var description: String {
        switch self {
        case .unknownIncident(let id):
            "no incident #\(id) in the database (a bug in the caller: entries must name a declared incident)"
        case .unknownEntry(let incidentID, let sequence):
            "incident #\(incidentID) has no timeline entry \(sequence) (check the entry number in \(command: "timeline"))"
        case .timerOfAnotherIncident(let timer, let incidentID):
            "timer \(timer) was planned for incident #\(incidentID) (a bug in the caller: plan each incident apart)"
        case .idMismatch(let allocated, let built):
            "declare allocated id \(allocated) but the incident was built with id \(built) (a bug in the caller)"
        case .unreadableRow(let what):
            "unreadable row: \(what) (the row was written by a newer sitrep; upgrade sitrep)"
        case .databaseFailure(let operation, let reason, let advice):
            "database \(operation) failed: \(reason) (\(advice))"
        case .cannotOpen(let path, let reason):
            "cannot open the database at \(path): \(reason) (check the directory exists and is writable)"
        case .migrationFailed(let path, let reason):
            "cannot update the database schema at \(path): \(reason) "
                + "(the file may come from a newer sitrep or be damaged; restore it from a backup)"
        case .noWritableHost(let attempts):
            "no PostgreSQL host accepts writes (\(attempts.joined(separator: "; "))); check store.postgres.hosts, "
                + "the credentials and that the primary is up"
        case .postgresMigrationFailed(let reason):
            "cannot update the PostgreSQL schema: \(reason) (the database may come from a newer sitrep; "
                + "check the role owns the database)"
        case .closed:
            "the PostgreSQL store is closed (a bug in the caller: use the store only while it is open)"
        case .commitOutcomeUnknown(let operation, let reason):
            "the PostgreSQL host went away during the \(operation) (\(reason)); it may or may not be stored: "
                + "check before repeating it (the store carries on with the next writable host)"
        }
    }
}
