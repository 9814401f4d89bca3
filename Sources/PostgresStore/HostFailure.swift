import PostgresNIO
import StoreKit

/// What a failed operation says about its host, and whether the operation may simply run again on the next one.
///
/// The rule for running again: only when the failure proves the database did not change, or when the operation
/// was a read. That holds when the pool could not lend a connection (nothing was sent), when `BEGIN` or the body
/// of a transaction failed (the server rolls back a transaction whose connection ends before `COMMIT`), and when
/// the server refused a write as read-only (25006). It does not hold when the connection broke during `COMMIT`,
/// or during a write sent on its own (autocommit): the server may have committed it before it went away. Such a
/// write is `outcomeUnknown`; the store throws `StoreError.commitOutcomeUnknown` and the caller decides,
/// unless the write is idempotent (timeline writes carry a token, see `TimelineToken`; a lease renewal finds its
/// own lease), which the store simply repeats on the next host.
enum HostFailure: Equatable {
    /// Not about the host: report the error as it is.
    case unrelated
    /// The host is gone or read-only and nothing changed: select a host again and run the operation again.
    case retry(reason: String)
    /// The host is gone and a write may or may not have committed: select again, and tell the caller.
    case outcomeUnknown(reason: String)

    /// SQLSTATEs that mean the server is going away (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
    /// connect now) or no longer accepts writes (25006 read_only_sql_transaction, a demoted or wrong host).
    static let hostStates: Set<String> = ["57P01", "57P02", "57P03", "25006"]

    init(_ error: any Error, isRead: Bool) {
        if let error = error as? PostgresTransactionError {
            // BEGIN or the body failed: no COMMIT was sent, so nothing of this transaction is stored.
            if let inner = error.beginError ?? error.closureError {
                self = Self.hostReason(inner).map { .retry(reason: $0) } ?? .unrelated
            } else if let inner = error.commitError, let reason = Self.hostReason(inner) {
                self = isRead ? .retry(reason: reason) : .outcomeUnknown(reason: reason)
            } else {
                self = .unrelated
            }
            return
        }
        guard let reason = Self.hostReason(error) else {
            self = .unrelated
            return
        }
        self = isRead || Self.changedNothing(error) ? .retry(reason: reason) : .outcomeUnknown(reason: reason)
    }

    /// Why `error` means the host went away or turned read-only; nil when it means something else.
    static func hostReason(_ error: any Error) -> String? {
        if isPoolError(error) { return "no connection to the host (\(error))" }
        if error is InFlightOperations.Abandoned { return "\(error)" }
        guard let error = error as? PSQLError else { return nil }
        if let state = error.serverInfo?[.sqlState] {
            return hostStates.contains(state) ? StoreError.reason(error) : nil
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed:
            return StoreError.reason(error)
        default:
            return nil
        }
    }

    /// Whether the statement certainly did not run: the pool lent no connection, or the server refused to write.
    private static func changedNothing(_ error: any Error) -> Bool {
        if isPoolError(error) { return true }
        guard let error = error as? PSQLError else { return false }
        if error.code == .poolClosed { return true }
        return error.serverInfo?[.sqlState] == "25006"
    }

    /// Whether the pool failed to lend a connection (its circuit breaker tripped after failing to connect for a
    /// while). `ConnectionPoolError` lives in a module PostgresNIO does not export, so it is known by its name.
    private static func isPoolError(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).hasSuffix(".ConnectionPoolError")
    }
}
