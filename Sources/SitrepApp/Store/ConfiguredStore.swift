import Logging
import PostgresStore
import SQLiteStore
import ServiceLifecycle
import SitrepCore

/// The store `store:` in the config names: the SQLite file (the default) or PostgreSQL.
public enum ConfiguredStore {
    /// The store for the running bot, without waiting for a server: a PostgreSQL store connects and migrates in
    /// the background and its first operations wait for that. `services` go first into the service group: they
    /// close the PostgreSQL pool after every other service has stopped (none for SQLite).
    static func make(_ config: SitrepConfig.Store, logger: Logger) throws -> (store: any IncidentStore, services: [any Service]) {
        guard let postgres = config.postgres else { return (try SQLiteIncidentStore(path: config.sqlitePath), []) }
        let store = PostgresIncidentStore(configuration: PostgresStoreConfiguration(postgres), logger: logger)
        return (store, [PostgresStoreCloser(store: store)])
    }

    /// The store for an offline command: opened and ready (PostgreSQL: connected and migrated), or the reason it
    /// cannot be. The process ending closes it.
    public static func open(_ config: SitrepConfig.Store, logger: Logger) async throws -> any IncidentStore {
        guard let postgres = config.postgres else { return try SQLiteIncidentStore(path: config.sqlitePath) }
        return try await PostgresIncidentStore.open(configuration: PostgresStoreConfiguration(postgres), logger: logger)
    }
}

extension PostgresStoreConfiguration {
    /// The store's settings from the validated `store.postgres` (the password revealed here, where it is used).
    public init(_ config: SitrepConfig.Postgres) {
        let tls: TLS =
            if !config.tls.enabled { .disabled } else if config.tls.insecure { .insecure } else {
                .verified(caFile: config.tls.caFile)
            }
        self.init(
            hosts: config.hosts.map { Host(host: $0.host, port: $0.port) }, database: config.database, user: config.user,
            password: config.password?.reveal(), tls: tls)
    }
}

/// Closes the PostgreSQL pool when the group shuts down. First in the group, so it stops last, after the timeline
/// writer has flushed.
struct PostgresStoreCloser: Service {
    let store: PostgresIncidentStore

    func run() async throws {
        try? await gracefulShutdown()
        await store.shutdown()
    }
}
