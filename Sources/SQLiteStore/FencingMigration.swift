import GRDB

/// `v7 fencing`: the side effects claimed under the lease, and the alert notifications queued by a standby
/// (`FencingStore`).
enum FencingMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE effect_claim (
                    key TEXT PRIMARY KEY NOT NULL, holder TEXT NOT NULL,
                    epoch INTEGER NOT NULL, claimed_ms INTEGER NOT NULL,
                    payload TEXT, outcome TEXT, settled_ms INTEGER
                ) WITHOUT ROWID;
                CREATE TABLE alert_queue (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, received_ms INTEGER NOT NULL, notices TEXT NOT NULL
                );
                """)
    }
}
