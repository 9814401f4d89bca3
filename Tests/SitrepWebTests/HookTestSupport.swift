import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import SitrepCore
import Synchronization

@testable import SitrepWeb

/// An `AlertSink` that keeps what it received and answers with a plain summary (or fails, to test 503).
final class RecordingSink: AlertSink, Sendable {
    private let calls = Mutex<[[AlertNotice]]>([])
    let fails: Bool

    init(fails: Bool = false) {
        self.fails = fails
    }

    /// Every call's notices, in order.
    var received: [[AlertNotice]] { calls.withLock { $0 } }

    func receive(_ notices: [AlertNotice]) async throws -> AlertIntakeSummary {
        calls.withLock { $0.append(notices) }
        struct StoreDown: Error {}
        if fails { throw StoreDown() }
        return AlertIntakeSummary(received: notices.count, alerts: notices.indices.map { Int64($0 + 1) })
    }
}

/// The alert hooks on a real server listening on a loopback port.
enum HookServer {
    static let token = "s3cr3t-bearer-token"
    static let hmacSecret = "hmac-k3y-for-signatures"

    /// Runs `body` with a live client of a server mounting the hooks with `configuration` and `sink`.
    static func run(
        configuration: AlertHookConfiguration = AlertHookConfiguration(
            bearerToken: HookSecret(token),
            hmacSecret: HookSecret(hmacSecret)
        ),
        sink: RecordingSink = RecordingSink(),
        logs: InMemoryLogHandler = InMemoryLogHandler(),
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let logger = Logger(label: "test") { _ in logs }
        let routes = AlertHookRoutes(configuration: configuration, sink: sink, logger: logger)
        let server = WebServer(configuration: .init(host: "127.0.0.1", port: 0), routes: [routes], logger: logger)
        let app = Application(
            router: server.makeRouter(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0))
        )
        try await app.test(.live, body)
    }

    /// The fixture `Fixtures/<name>` next to this file, as bytes.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return Array(try Data(contentsOf: url))
    }

    static func bearer(_ token: String = token) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    /// `X-Sitrep-Signature` for `body`, signed with `hmacSecret`.
    static func signed(_ body: [UInt8]) -> HTTPFields {
        [.init(HookAuthenticator.signatureHeader)!: HookAuthenticator.signature(of: body, secret: hmacSecret)]
    }

    /// POSTs `body` to `uri` and returns the response.
    static func post(
        _ client: any TestClientProtocol,
        _ uri: String,
        headers: HTTPFields = bearer(),
        body: [UInt8]
    ) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }
}

extension InMemoryLogHandler {
    /// Each entry as `level message key=value…`, to search for what an operator reads (and for secrets).
    var lines: [String] {
        entries.map { entry in
            let metadata = entry.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return "\(entry.level) \(entry.message) " + metadata.joined(separator: " ")
        }
    }
}
