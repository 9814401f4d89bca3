import PostgresNIO
import SitrepCore

/// Why the PostgreSQL store could not do what was asked, worded for the operator who reads it in the log.
public enum PostgresStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No configured host could be reached, or none accepted writes; `attempts` says why for each.
    case noWritableHost(attempts: [String])
    /// The schema could not be brought up to date.
    case migrationFailed(reason: String)
    /// The store was closed before or during the operation.
    case closed
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
    /// The host went away while a write was committing, so it may or may not be stored; the store selected a host
    /// again, and the caller decides whether to repeat the write (see `HostFailure`).
    case commitOutcomeUnknown(operation: String, reason: String)
    /// PostgreSQL failed during an operation; `advice` says what to do about this kind of failure.
    case databaseFailure(operation: String, reason: String, advice: String)

    public var description: String {
        switch self {
        case .noWritableHost(let attempts):
            "no PostgreSQL host accepts writes (\(attempts.joined(separator: "; "))); check store.postgres.hosts, "
                + "the credentials and that the primary is up"
        case .migrationFailed(let reason):
            "cannot update the PostgreSQL schema: \(reason) (the database may come from a newer sitrep; "
                + "check the role owns the database)"
        case .closed:
            "the PostgreSQL store is closed (a bug in the caller: use the store only while it is open)"
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
        case .commitOutcomeUnknown(let operation, let reason):
            "the PostgreSQL host went away during the \(operation) (\(reason)); it may or may not be stored: "
                + "check before repeating it (the store carries on with the next writable host)"
        case .databaseFailure(let operation, let reason, let advice):
            "database \(operation) failed: \(reason) (\(advice))"
        }
    }

    /// Wraps any error thrown inside a database access; store errors (also inside a failed transaction) pass
    /// through unchanged.
    static func wrap(_ error: any Error, operation: String) -> PostgresStoreError {
        if let error = error as? PostgresStoreError { return error }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.commitError ?? error.beginError {
                return wrap(inner, operation: operation)
            }
        }
        if error is CancellationError { return .closed }
        return .databaseFailure(operation: operation, reason: reason(error), advice: advice(for: error))
    }

    /// A description of a postgres-nio error that names the cause (its own description is deliberately generic)
    /// without the query's bound values.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo {
            let state = info[.sqlState].map { " [\($0)]" } ?? ""
            return (info[.message] ?? "server error") + state
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    private static func advice(for error: any Error) -> String {
        guard let error = error as? PSQLError else { return "see the reason; report a bug" }
        if let state = error.serverInfo?[.sqlState] {
            switch state.prefix(2) {
            case "53": return "the server is out of resources (disk, memory or connections); free some"
            case "57", "08": return "the server shut down or the connection broke; check the server"
            case "28": return "check store.postgres.user and the password"
            case "42": return "the schema is not what this sitrep expects; check the database is sitrep's"
            case "23": return "a stored value broke a schema rule; report a bug with this message"
            case "25": return "the server is read-only (a standby?); point store.postgres.hosts at the primary"
            default: return "report a bug with this message"
            }
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown:
            return "check the server is up and reachable"
        case .poolClosed, .clientClosedConnection:
            return "the store was closed"
        default:
            return "report a bug with this message"
        }
    }
}
