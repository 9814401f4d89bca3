import GRDB
import StoreKit

/// How SQLite failures become `StoreError`s, with advice for the operator.
extension StoreError {
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
