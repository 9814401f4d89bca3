import Foundation
import InMemoryLogging
import Logging
import SitrepCore
import SitrepWeb

/// The real `WebServer` service (its own HTTP pipeline, timeouts and connection limit) with the alert hooks and
/// `/metrics` mounted, listening on a free loopback port while a test body runs.
enum GuardedServer {
    static let hookToken = "s3cr3t-bearer-token"

    static func run(
        limits: WebServerLimits = WebServerLimits(), logs: InMemoryLogHandler = InMemoryLogHandler(),
        _ body: @Sendable (Int) async throws -> Void
    ) async throws {
        let logger = Logger(label: "guarded-web-test") { _ in logs }
        let hooks = AlertHookRoutes(
            configuration: AlertHookConfiguration(bearerToken: HookSecret(hookToken)), sink: RecordingSink(),
            logger: logger)
        let metrics = MetricsRoutes { "# nothing\n" }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = WebServer(
            configuration: WebServerConfiguration(host: "127.0.0.1", port: 0, limits: limits), routes: [hooks, metrics],
            logger: logger, onListening: { continuation.yield($0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            guard let port = await ports.first(where: { _ in true }) else { throw LiveServerError.neverListened }
            try await body(port)
        }
    }

    /// A generic-hook POST head announcing `length` bytes of body, with the token.
    static func hookHead(length: Int, close: Bool = false) -> String {
        "POST /hooks/generic HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(hookToken)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(length)\r\n"
            + (close ? "Connection: close\r\n" : "") + "\r\n"
    }
}
