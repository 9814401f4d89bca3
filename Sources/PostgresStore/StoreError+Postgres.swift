import PostgresNIO
import StoreKit

/// How PostgreSQL failures become `StoreError`s, with advice for the operator.
extension StoreError {
    /// Wraps any error thrown inside a database access; store errors (also inside a failed transaction) pass
    /// through unchanged.
    static func wrap(_ error: any Error, operation: String) -> StoreError {
        if let error = error as? StoreError { return error }
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
