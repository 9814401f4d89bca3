import Logging
import NIOCore
import PostgresNIO
import StoreKit

/// Finds the first configured host that accepts writes: connects to each in order with one plain connection,
/// asks `pg_is_in_recovery()` (true on a standby), and closes it again.
struct HostSelector {
    let configuration: PostgresStoreConfiguration
    let logger: Logger

    /// The first writable host; otherwise every host's reason in `StoreError.noWritableHost`.
    func firstWritable() async throws -> PostgresStoreConfiguration.Host {
        var attempts: [String] = []
        for (index, host) in configuration.hosts.enumerated() {
            try Task.checkCancellation()
            do {
                if try await isWritable(host, id: index) { return host }
                attempts.append("\(host): a standby (read-only)")
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                attempts.append("\(host): \(StoreError.reason(error))")
            }
        }
        throw StoreError.noWritableHost(attempts: attempts)
    }

    /// Probes `host`, giving up after twice the connect timeout: a host that dies between connecting and
    /// answering would otherwise leave the probe waiting for good (see `InFlightOperations`).
    private func isWritable(_ host: PostgresStoreConfiguration.Host, id: Int) async throws -> Bool {
        let probe = InFlightOperations()
        // Cancelled when the probe returns first (an `async let` left unawaited is cancelled at the end of scope).
        async let _: Void = {
            try? await Task.sleep(for: configuration.connectTimeout * 2)
            probe.abandon(generation: 0)
        }()
        return try await probe.run(generation: 0) { [self] in try await ask(host, id: id) }
    }

    private func ask(_ host: PostgresStoreConfiguration.Host, id: Int) async throws -> Bool {
        let connection = try await PostgresConnection.connect(
            configuration: try configuration.connectionConfiguration(for: host), id: id, logger: logger)
        do {
            let rows = try await connection.query("SELECT pg_is_in_recovery()", logger: logger)
            var inRecovery = true
            for try await value in rows.decode(Bool.self) { inRecovery = value }
            try? await connection.close()
            return !inRecovery
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

extension PostgresStoreConfiguration {
    /// The pool's configuration for `host`.
    func clientConfiguration(for host: Host) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch self.tls {
            case .disabled: .disable
            case .verified, .insecure: .require(tlsConfiguration)
            }
        var configuration = PostgresClient.Configuration(
            host: host.host, port: host.port, username: user, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = connectTimeout
        configuration.options.additionalStartupParameters = [("application_name", "sitrep")]
        return configuration
    }

    /// A single connection's configuration for `host` (the probe).
    func connectionConfiguration(for host: Host) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch self.tls {
            case .disabled: .disable
            case .verified, .insecure: .require(try NIOSSLContext(configuration: tlsConfiguration))
            }
        var configuration = PostgresConnection.Configuration(
            host: host.host, port: host.port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .nanoseconds(
            connectTimeout.components.seconds * 1_000_000_000 + connectTimeout.components.attoseconds / 1_000_000_000)
        return configuration
    }

    private var tlsConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch tls {
        case .disabled: break
        case .verified(let caFile):
            if let caFile { configuration.additionalTrustRoots = [.file(caFile)] }
        case .insecure:
            configuration.certificateVerification = .none
        }
        return configuration
    }
}
