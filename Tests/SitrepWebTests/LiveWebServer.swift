import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SitrepApp
import SitrepCore
import SitrepWeb

/// The real `WebServer` service listening on a free loopback port over a seeded store, for as long as a test body
/// runs; requests go over a real socket.
struct LiveWebServer: Sendable {
    static let token = "s3cret-token-for-tests-0123456789"

    let port: Int

    /// Runs `body` while the server over `source` listens, then stops it.
    static func run(
        source: any WebDataSource, readiness: (any ReadinessProbe)? = nil,
        configuration: WebServerConfiguration = WebServerConfiguration(
            host: "127.0.0.1", port: 0, title: "Example status", internalToken: AccessToken(token)),
        _ body: @Sendable (LiveWebServer) async throws -> Void
    ) async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = WebServer(
            configuration: configuration, source: source, readiness: readiness,
            logger: Logger(label: "web-test") { _ in SwiftLogNoOpLogHandler() }, clock: { SeededStore.now },
            onListening: { port in continuation.yield(port) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            guard let port = await ports.first(where: { _ in true }) else { throw LiveServerError.neverListened }
            try await body(LiveWebServer(port: port))
        }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// GET `path` with `headers`; the body as text.
    func get(_ path: String, headers: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            let response = try await client.get(path, headers: headers)
            return (response.status, response.headers, response.body.map { String(buffer: $0) } ?? "")
        }
    }

    /// GET with `Authorization: Bearer <token>`.
    func getInternal(_ path: String, token: String = LiveWebServer.token) async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: String)
    {
        try await get(path, headers: [.authorization: "Bearer \(token)"])
    }

    /// GET a JSON document.
    func json(_ path: String, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, [String: Any]) {
        let (status, _, body) = try await get(path, headers: headers)
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        guard let object else { throw LiveServerError.notAnObject(body) }
        return (status, object)
    }
}

enum LiveServerError: Error {
    case neverListened
    case notAnObject(String)
}

/// A `WebDataSource` over a seeded store, plus the store to tear down.
extension SeededStore {
    var source: StoreWebDataSource { StoreWebDataSource(store: store) }

    /// Seeds a store, runs `body` against a live server over it, removes the store.
    static func serve(
        readiness: (any ReadinessProbe)? = nil, _ body: @Sendable (LiveWebServer, SeededStore) async throws -> Void
    ) async throws {
        let seeded = try await SeededStore.make()
        defer { seeded.remove() }
        try await LiveWebServer.run(source: seeded.source, readiness: readiness) { server in
            try await body(server, seeded)
        }
    }
}
