import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL server the benchmarks run against (`SITREP_TEST_POSTGRES_*`, written by
/// `deploy/local/postgres.sh up` to `.local/pg/env`), and a database of their own on it, dropped afterwards.
public struct BenchPostgres: Sendable {
    public let host: String
    public let port: Int
    public let user: String
    public let password: String?
    /// The database made for this run.
    public let database: String
    private let adminDatabase: String

    /// Reads the server from the environment and creates a fresh database; exits with a hint when unset.
    public static func create(prefix: String) async throws -> BenchPostgres {
        let environment = ProcessInfo.processInfo.environment
        guard let host = environment["SITREP_TEST_POSTGRES_HOST"],
            let port = environment["SITREP_TEST_POSTGRES_PORT"].flatMap({ Int($0) }),
            let user = environment["SITREP_TEST_POSTGRES_USER"], let admin = environment["SITREP_TEST_POSTGRES_DATABASE"]
        else {
            FileHandle.standardError.write(Data("set SITREP_TEST_POSTGRES_* (deploy/local/postgres.sh up)\n".utf8))
            exit(2)
        }
        let database = prefix + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let server = BenchPostgres(
            host: host, port: port, user: user, password: environment["SITREP_TEST_POSTGRES_PASSWORD"],
            database: database, adminDatabase: admin)
        try await server.admin("CREATE DATABASE \(database)")
        return server
    }

    /// Drops the run's database (closing whatever still uses it).
    public func drop() async throws {
        try await admin("DROP DATABASE \(database) WITH (FORCE)")
    }

    private func admin(_ sql: String) async throws {
        let logger = Logger(label: "bench-postgres")
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: host, port: port, username: user, password: password, database: adminDatabase, tls: .disable),
            id: 0, logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        try await connection.close()
    }
}
