import Foundation
import GRDB

/// `v9 timeline write tokens`: the token of each timeline write of the last day (`AppendToken`), so a write
/// repeated after an unknown outcome is stored once. `stored_ms` (when it was recorded) lets old tokens be pruned.
enum TimelineTokenMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE timeline_token (
                    token TEXT PRIMARY KEY NOT NULL, stored_ms INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX timeline_token_by_age ON timeline_token (stored_ms);
                """)
    }

    /// How long a token is kept: far longer than any retry of a write.
    static let retentionMilliseconds: Int64 = 24 * 3600 * 1000

    /// Records `token` in the current transaction; false when it was recorded before (the write it names is
    /// stored already, and must not be written again).
    static func record(_ token: String, prune: Bool, in db: Database) throws -> Bool {
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        if prune {
            try db.execute(
                sql: "DELETE FROM timeline_token WHERE stored_ms < ?", arguments: [now - retentionMilliseconds])
        }
        try db.execute(
            sql: "INSERT INTO timeline_token (token, stored_ms) VALUES (?, ?) ON CONFLICT (token) DO NOTHING",
            arguments: [token, now])
        return db.changesCount > 0
    }
}
