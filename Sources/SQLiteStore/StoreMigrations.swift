import GRDB

/// The schema, as append-only named migrations: never edit a shipped migration, add a new one.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 incidents, timeline, follow-ups, meta") { db in
            try createIncident(db)
            try createTimeline(db)
            try createFollowUp(db)
            try db.execute(
                sql: "CREATE TABLE meta (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID"
            )
        }
        migrator.registerMigration("v2 timers") { db in
            try addIncidentTimerFields(db)
            try createTimer(db)
        }
        migrator.registerMigration("v3 timeline chain", migrate: TimelineChainMigration.migrate)
        migrator.registerMigration("v4 search", migrate: SearchMigration.migrate)
        migrator.registerMigration("v5 alerts", migrate: AlertMigration.migrate)
        migrator.registerMigration("v6 lease") { db in
            // One row per lease name ('active'): who holds it, under which epoch, until when.
            try db.execute(
                sql: """
                    CREATE TABLE lease (
                        name TEXT PRIMARY KEY NOT NULL, holder TEXT NOT NULL,
                        epoch INTEGER NOT NULL, expires_ms INTEGER NOT NULL
                    ) WITHOUT ROWID
                    """)
        }
        migrator.registerMigration("v7 fencing", migrate: FencingMigration.migrate)
        migrator.registerMigration("v8 stream checkpoints", migrate: StreamCheckpointMigration.migrate)
        migrator.registerMigration("v9 timeline write tokens", migrate: TimelineTokenMigration.migrate)
        migrator.registerMigration("v10 on-call overrides", migrate: OnCallOverrideMigration.migrate)
        migrator.registerMigration("v11 page attempts", migrate: PageAttemptMigration.migrate)
        migrator.registerMigration("v12 page attempt retries", migrate: PageAttemptRetryMigration.migrate)
        return migrator
    }

    /// The incident fields the timer planner reads: nullable milliseconds since the epoch.
    private static func addIncidentTimerFields(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE incident ADD COLUMN last_escalated_at_ms INTEGER;
                ALTER TABLE incident ADD COLUMN snoozed_until_ms INTEGER;
                ALTER TABLE incident ADD COLUMN lead_last_spoke_at_ms INTEGER;
                """
        )
    }

    /// One row per planned deadline, keyed by the timer's id. `fired_ms` is set once, by the claim, and never
    /// cleared: a fired row stays so replanning cannot bring it back. Pending rows get a partial index in the
    /// order `pendingTimers` reads them, so loading every pending timer at start is one index scan, no sort.
    private static func createTimer(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE timer (
                    incident_id INTEGER NOT NULL REFERENCES incident (id),
                    kind TEXT NOT NULL,
                    key TEXT NOT NULL,
                    due_ms INTEGER NOT NULL,
                    text TEXT,
                    fired_ms INTEGER,
                    PRIMARY KEY (incident_id, kind, key)
                ) WITHOUT ROWID;
                CREATE INDEX timer_pending_by_due ON timer (due_ms, incident_id, kind, key) WHERE fired_ms IS NULL;
                """
        )
    }

    /// Participants (`declared_by`, `lead`, `acknowledged_by`), `roles` and `services` are JSON text.
    private static func createIncident(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE incident (
                    id INTEGER PRIMARY KEY,
                    title TEXT NOT NULL,
                    severity INTEGER NOT NULL,
                    priority INTEGER,
                    category TEXT,
                    services TEXT NOT NULL,
                    state TEXT NOT NULL,
                    channel_network TEXT NOT NULL,
                    channel_name TEXT NOT NULL,
                    declared_by TEXT NOT NULL,
                    lead TEXT,
                    roles TEXT NOT NULL,
                    declared_at_ms INTEGER NOT NULL,
                    acknowledged_at_ms INTEGER,
                    acknowledged_by TEXT,
                    mitigated_at_ms INTEGER,
                    resolved_at_ms INTEGER,
                    closed_at_ms INTEGER,
                    root_cause TEXT,
                    resolution TEXT,
                    public_status TEXT,
                    public_status_at_ms INTEGER,
                    escalation_level INTEGER NOT NULL
                );
                CREATE INDEX incident_by_channel ON incident (channel_network, channel_name COLLATE NOCASE, id);
                CREATE INDEX incident_open ON incident (id) WHERE state NOT IN ('closed', 'cancelled');
                """
        )
    }

    /// One row per line, clustered by `(incident_id, seq)` so a timeline is one contiguous range.
    /// `incident_id` has no foreign key: `TimelineWriter` checks it once per incident per batch instead of
    /// once per row. Key events get a partial index, so ordinary lines cost nothing extra.
    private static func createTimeline(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE timeline (
                    incident_id INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    time_ms INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    author TEXT NOT NULL,
                    account TEXT,
                    text TEXT NOT NULL,
                    detail TEXT,
                    key_event INTEGER NOT NULL,
                    PRIMARY KEY (incident_id, seq)
                ) WITHOUT ROWID;
                CREATE INDEX timeline_key_events ON timeline (incident_id, seq) WHERE key_event = 1;
                """
        )
    }

    private static func createFollowUp(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE follow_up (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    incident_id INTEGER NOT NULL REFERENCES incident (id),
                    text TEXT NOT NULL,
                    owner TEXT,
                    state TEXT NOT NULL,
                    created_at_ms INTEGER NOT NULL,
                    created_by TEXT NOT NULL,
                    done_at_ms INTEGER
                );
                CREATE INDEX follow_up_by_incident ON follow_up (incident_id, id);
                """
        )
    }
}
