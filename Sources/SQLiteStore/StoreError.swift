import GRDB
import SitrepCore

/// Why the SQLite store could not do what was asked, worded for the operator who reads it in the log.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database file could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// The schema could not be brought up to date.
    case migrationFailed(path: String, reason: String)
    /// An entry, commit or follow-up named an incident that does not exist.
    case unknownIncident(Int64)
    /// `markKeyEvent` named an entry that does not exist.
    case unknownEntry(incidentID: Int64, sequence: Int64)
    /// `replaceTimers` for one incident was given a timer of another.
    case timerOfAnotherIncident(timer: String, incidentID: Int64)
    /// `declare`'s builder returned an incident with another id than the one allocated.
    case idMismatch(allocated: Int64, built: Int64)
    /// SQLite failed during an operation; `advice` says what to do about this kind of failure.
    case databaseFailure(operation: String, reason: String, advice: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the database at \(path): \(reason) (check the directory exists and is writable)"
        case .migrationFailed(let path, let reason):
            "cannot update the database schema at \(path): \(reason) "
                + "(the file may come from a newer sitrep or be damaged; restore it from a backup)"
        case .unknownIncident(let id):
            "no incident #\(id) in the database (a bug in the caller: entries must name a declared incident)"
        case .unknownEntry(let incidentID, let sequence):
            "incident #\(incidentID) has no timeline entry \(sequence) (check the entry number in \(command: "timeline"))"
        case .timerOfAnotherIncident(let timer, let incidentID):
            "timer \(timer) was planned for incident #\(incidentID) (a bug in the caller: plan each incident apart)"
        case .idMismatch(let allocated, let built):
            "declare allocated id \(allocated) but the incident was built with id \(built) (a bug in the caller)"
        case .databaseFailure(let operation, let reason, let advice):
            "database \(operation) failed: \(reason) (\(advice))"
        }
    }

    /// Wraps any error thrown inside a database access; store errors pass through unchanged.
    static func wrap(_ error: any Error, operation: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else {
            return .databaseFailure(operation: operation, reason: "\(error)", advice: "see the reason; report a bug")
        }
        return .databaseFailure(operation: operation, reason: error.description, advice: advice(for: error))
    }

    private static func advice(for error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_FULL: "free disk space on the database volume"
        case .SQLITE_BUSY, .SQLITE_LOCKED: "make sure only one sitrep process uses this database file"
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: "check the file and its directory are writable"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: "the file is damaged; stop sitrep and restore it from a backup"
        case .SQLITE_IOERR: "check the disk and the file system for errors"
        case .SQLITE_CONSTRAINT: "a stored value broke a schema rule; report a bug with this message"
        default: "report a bug with this message"
        }
    }
}
