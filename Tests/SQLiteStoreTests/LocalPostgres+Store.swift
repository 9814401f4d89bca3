import Logging
import PostgresNIO
import PostgresStore
import SitrepTestSupport

extension LocalPostgres {
    /// The store configuration for `database` on this server (plaintext on loopback unless `tls` says otherwise).
    func configuration(
        database: String, tls: PostgresStoreConfiguration.TLS = .disabled
    ) -> PostgresStoreConfiguration {
        PostgresStoreConfiguration(
            hosts: [storeHost], database: database, user: user, password: password, tls: tls, maximumConnections: 4)
    }

    /// This server as a store configuration lists it.
    var storeHost: PostgresStoreConfiguration.Host { .init(host: host, port: port) }
}

extension LocalPostgresPair {
    /// The store's configuration for `hosts` of this pair, over TLS verified against the pair's CA.
    func configuration(hosts: [LocalPostgres]) -> PostgresStoreConfiguration {
        PostgresStoreConfiguration(
            hosts: hosts.map(\.storeHost), database: primary.adminDatabase, user: primary.user, password: password,
            tls: .verified(caFile: primary.caFile ?? ""), maximumConnections: 4, connectTimeout: .seconds(5),
            failoverTimeout: .seconds(20))
    }

    /// A store on `hosts` of this pair.
    func openStore(
        hosts: [LocalPostgres], logger: Logger = LocalPostgres.logger
    ) async throws -> PostgresIncidentStore {
        try await PostgresIncidentStore.open(configuration: configuration(hosts: hosts), logger: logger)
    }

    /// A plain connection to the pair's database on `server` (to read what reached the standby, or ask who is
    /// primary).
    func withConnection<T>(to server: LocalPostgres, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await server.withConnection(body)
    }
}
