import GRDB

/// `v11 page attempts`: every try at reaching a paged person (`PageAttemptStore`).
enum PageAttemptMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE page_attempt (
                    id TEXT PRIMARY KEY NOT NULL,
                    incident_id INTEGER NOT NULL REFERENCES incident(id),
                    person_network TEXT NOT NULL, person_kind TEXT NOT NULL, person_name TEXT NOT NULL,
                    method TEXT NOT NULL, address TEXT NOT NULL, step TEXT NOT NULL,
                    status TEXT NOT NULL, reason TEXT,
                    queued_at_ms INTEGER NOT NULL, updated_at_ms INTEGER
                ) WITHOUT ROWID;
                CREATE INDEX page_attempt_by_incident ON page_attempt (incident_id, queued_at_ms);
                CREATE INDEX page_attempt_queued ON page_attempt (status) WHERE status = 'queued';
                """)
    }
}

/// `v12 page attempt retries`: a queued attempt's failed tries and its next try survive a restart.
enum PageAttemptRetryMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE page_attempt ADD COLUMN failed_tries INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE page_attempt ADD COLUMN first_failed_at_ms INTEGER;
                ALTER TABLE page_attempt ADD COLUMN retry_at_ms INTEGER;
                """)
    }
}
