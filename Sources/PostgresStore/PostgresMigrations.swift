import Logging
import PostgresNIO
import StoreKit

/// The schema, as append-only numbered migrations recorded in `schema_migrations`: never edit a shipped one, add
/// a new one.
///
/// `migrate` runs every missing migration in one transaction that first takes a transaction-scoped advisory lock,
/// so two sitreps starting together against an empty database do not race: the second waits, then finds
/// everything applied. A database migrated by a newer sitrep (an unknown version) is refused.
enum PostgresMigrations {
    struct Migration: Sendable {
        var version: Int64
        var name: String
        var statements: [String]
    }

    /// The advisory lock key for schema changes ("sitrep" in ASCII).
    static let lockKey: Int64 = 0x73_6974_7265_70

    static let all: [Migration] = [
        Migration(version: 1, name: "incidents, timeline, chain, follow-ups, timers, meta", statements: PostgresSchema.core),
        Migration(version: 2, name: "search, transcripts, solutions", statements: PostgresSchema.search),
        Migration(version: 3, name: "alerts", statements: PostgresSchema.alerts),
        Migration(version: 4, name: "lease", statements: PostgresSchema.lease),
        Migration(version: 5, name: "fencing", statements: PostgresSchema.fencing),
        Migration(version: 6, name: "stream checkpoints", statements: PostgresSchema.streamCheckpoints),
        Migration(version: 7, name: "timeline write tokens", statements: PostgresSchema.timelineTokens),
        Migration(version: 8, name: "on-call overrides", statements: PostgresSchema.onCallOverrides),
        Migration(version: 9, name: "page attempts", statements: PostgresSchema.pageAttempts),
        Migration(version: 10, name: "page attempt retries", statements: PostgresSchema.pageAttemptRetries),
    ]

    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version bigint PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: Set<Int64> = []
            for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger)
                .decode(Int64.self)
            {
                applied.insert(version)
            }
            if let newest = applied.max(), let known = all.last?.version, newest > known {
                throw StoreError.postgresMigrationFailed(
                    reason: "the database has schema version \(newest), this sitrep knows up to \(known); upgrade sitrep")
            }
            for migration in all where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
                logger.info("schema migrated", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            }
        }
    }
}
