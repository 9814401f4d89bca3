/// The tables added after the first release, one statement per string, like the SQLite migrations `v5 alerts`,
/// `v6 lease` and `v7 fencing`.
extension PostgresSchema {
    /// The alerts received from monitoring: one row per firing episode of a fingerprint (`AlertStore`'s rules).
    /// `id` is allocated by the store under an advisory lock (`PostgresIncidentStore.alertLockKey`), not by a
    /// sequence, so numbers stay 1, 2, 3… without the hole a rolled-back batch would leave; alerts are never
    /// deleted, so a number is never reused. Labels and annotations are JSON text with sorted keys. Lookups are by
    /// `(source, fingerprint)`, latest first, and by incident.
    static let alerts = [
        """
        CREATE TABLE alert (
            id bigint PRIMARY KEY,
            source text NOT NULL,
            fingerprint text NOT NULL,
            status text NOT NULL,
            labels text NOT NULL,
            annotations text NOT NULL,
            url text,
            starts_at_ms bigint,
            first_seen_ms bigint NOT NULL,
            last_seen_ms bigint NOT NULL,
            resolved_at_ms bigint,
            count bigint NOT NULL,
            incident_id bigint REFERENCES incident (id)
        )
        """,
        "CREATE INDEX alert_by_fingerprint ON alert (source, fingerprint, id)",
        "CREATE INDEX alert_by_incident ON alert (incident_id, id) WHERE incident_id IS NOT NULL",
    ]

    /// One row per lease name ('active'): who holds it, under which epoch, until when (`LeaseStore`).
    static let lease = [
        "CREATE TABLE lease (name text PRIMARY KEY, holder text NOT NULL, epoch bigint NOT NULL, expires_ms bigint NOT NULL)"
    ]

    /// The side effects claimed under the lease and the alert notifications a standby queued (`FencingStore`).
    static let fencing = [
        """
        CREATE TABLE effect_claim (
            key text PRIMARY KEY, holder text NOT NULL, epoch bigint NOT NULL, claimed_ms bigint NOT NULL,
            payload text, outcome text, settled_ms bigint)
        """,
        "CREATE TABLE alert_queue (id bigserial PRIMARY KEY, received_ms bigint NOT NULL, notices text NOT NULL)",
    ]

    /// Where each network's event stream resumes (`StreamCheckpointStore`), written with the lines it follows.
    static let streamCheckpoints = [
        "CREATE TABLE stream_checkpoint (stream text PRIMARY KEY, position text NOT NULL)"
    ]

    /// The token of each timeline write of the last day (`AppendToken`): a write repeated after its commit
    /// outcome was unknown finds its token and stores nothing again. `stored_ms` lets old tokens be pruned.
    static let timelineTokens = [
        "CREATE TABLE timeline_token (token text PRIMARY KEY, stored_ms bigint NOT NULL)",
        "CREATE INDEX timeline_token_by_age ON timeline_token (stored_ms)",
    ]

    /// Every try at reaching a paged person (`PageAttemptStore`), claimed before it is sent.
    static let pageAttempts = [
        """
        CREATE TABLE page_attempt (
            id text PRIMARY KEY, incident_id bigint NOT NULL REFERENCES incident(id),
            person_network text NOT NULL, person_kind text NOT NULL, person_name text NOT NULL,
            method text NOT NULL, address text NOT NULL, step text NOT NULL, status text NOT NULL, reason text,
            queued_at_ms bigint NOT NULL, updated_at_ms bigint)
        """,
        "CREATE INDEX page_attempt_by_incident ON page_attempt (incident_id, queued_at_ms)",
        "CREATE INDEX page_attempt_queued ON page_attempt (status) WHERE status = 'queued'",
    ]

    /// A queued attempt's failed tries and its next try, so a restart keeps to them.
    static let pageAttemptRetries = [
        "ALTER TABLE page_attempt ADD COLUMN failed_tries bigint NOT NULL DEFAULT 0",
        "ALTER TABLE page_attempt ADD COLUMN first_failed_at_ms bigint",
        "ALTER TABLE page_attempt ADD COLUMN retry_at_ms bigint",
    ]
}
