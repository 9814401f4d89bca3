import GRDB

/// Migration `v5 alerts`: the alerts received from monitoring.
///
/// One row per firing episode of a fingerprint (`AlertStore`'s rules decide when a notice updates a row and when
/// it starts a new one). `id` is AUTOINCREMENT so an alert number people typed (`alert 17`) never comes back for
/// another alert. Labels and annotations are JSON text with sorted keys. Lookups are by `(source, fingerprint)`,
/// latest first, and by incident.
enum AlertMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE alert (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    status TEXT NOT NULL,
                    labels TEXT NOT NULL,
                    annotations TEXT NOT NULL,
                    url TEXT,
                    starts_at_ms INTEGER,
                    first_seen_ms INTEGER NOT NULL,
                    last_seen_ms INTEGER NOT NULL,
                    resolved_at_ms INTEGER,
                    count INTEGER NOT NULL,
                    incident_id INTEGER REFERENCES incident (id)
                );
                CREATE INDEX alert_by_fingerprint ON alert (source, fingerprint, id);
                CREATE INDEX alert_by_incident ON alert (incident_id, id) WHERE incident_id IS NOT NULL;
                """
        )
    }
}
