import Logging
import PostgresNIO
import SitrepCore
import StoreKit

/// The PostgreSQL `IncidentStore`: the same guarantees as the SQLite store, for deployments that keep their data
/// in a PostgreSQL server (and later run an active and a standby sitrep).
///
/// - Every write is one transaction. Timeline appends lock each incident they touch (`FOR NO KEY UPDATE` on its
///   row, in id order, so writers never deadlock), then read each chain head, then insert the whole batch with
///   one `INSERT … SELECT FROM unnest(…)`: sequences stay strictly increasing without gaps and the chain stays
///   linear even with two writers (two sitreps on one database).
/// - The chain uses `TimelineChain`'s canonical encoding and SHA-256, so both backends give the same hashes for
///   the same entries.
/// - Durability is the server's: a returned write is committed (`synchronous_commit` as the server sets it).
///
/// Opening starts connecting in the background (see `PostgresConnector`); `open` waits until the schema is up to
/// date and reports a failure at once. `close()` stops the pool.
public final class PostgresIncidentStore: IncidentStore {
    let connector: PostgresConnector
    let logger: Logger
    /// The servers and database, for messages.
    public let location: String

    /// Starts connecting to the first writable host and migrating the schema; operations wait for that.
    public init(configuration: PostgresStoreConfiguration, logger: Logger) {
        self.logger = logger
        location = "\(configuration.database) on \(configuration.hostList)"
        connector = PostgresConnector(configuration: configuration, logger: logger) { client in
            try await PostgresMigrations.migrate(client, logger: logger)
        }
    }

    /// A store that is connected and migrated, or the reason it cannot be.
    public static func open(configuration: PostgresStoreConfiguration, logger: Logger) async throws
        -> PostgresIncidentStore
    {
        let store = PostgresIncidentStore(configuration: configuration, logger: logger)
        do {
            _ = try await store.connector.client()
        } catch {
            store.close()
            throw error
        }
        return store
    }

    /// Closes the pool (connections close in the background); later calls throw.
    public func close() {
        connector.close()
    }

    /// Closes the pool and waits until its connections are closed.
    public func shutdown() async {
        await connector.shutdown()
    }

    /// Runs `body` in one transaction; errors become `StoreError`s naming `operation`. Repeated on the next
    /// host when the current one went away before `COMMIT`; `commitOutcomeUnknown` when it went away during it,
    /// unless `idempotent` says a repeat after a commit changes nothing (then it is repeated as well).
    func write<T: Sendable>(
        _ operation: String, idempotent: Bool = false, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await connector.run(operation, isRead: false, idempotent: idempotent) { [logger] client in
            try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        }
    }

    /// `write` for a `body` that calls the caller's non-escaping closures (see `PostgresConnector.runInPlace`).
    func writeInPlace<T: Sendable>(
        _ operation: String, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await connector.runInPlace(operation, isRead: false) { client in
            try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        }
    }

    /// Runs `body` in a read-only transaction that sees one snapshot (REPEATABLE READ); repeated on the next host
    /// when the current one went away.
    func read<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await connector.run(operation, isRead: true) { [logger] client in
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                return try await body(connection)
            }
        }
    }

    /// Runs one statement on its own (autocommit) and returns its rows. `isRead` says it changes nothing, so it
    /// may run again on the next host when the current one went away; a write runs again only when it certainly
    /// was not sent.
    func rows(
        _ operation: String, _ query: PostgresQuery, isRead: Bool = false, idempotent: Bool = false
    ) async throws -> [PostgresRow] {
        try await connector.run(operation, isRead: isRead, idempotent: idempotent) { [logger] client in
            try await client.query(query, logger: logger).collect()
        }
    }
}

extension PostgresConnection {
    /// Runs `query` and collects its rows.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }
}
