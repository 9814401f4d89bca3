import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Notify
import Synchronization

/// A Hummingbird server on a free loopback port standing in for ntfy: it records every POST to `/` (body, headers,
/// whether `X-Sitrep-Signature` verifies under `secret`) and answers with the next status of `statuses` (then 200).
struct WebhookReceiver: Sendable {
    struct Received: Sendable {
        var body: [UInt8]
        var signatureValid: Bool
        var headers: HTTPFields

        func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
    }

    final class Log: Sendable {
        let items = Mutex<[Received]>([])
        var all: [Received] { items.withLock { $0 } }
    }

    let port: Int
    let log: Log

    /// Waits (polling every 50 ms) until `count` requests arrived, or `timeout` passed; returns what arrived.
    func requests(count: Int, timeout: Duration) async throws -> [Received] {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while log.all.count < count && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return log.all
    }

    static func run(
        secret: [UInt8], statuses: [HTTPResponse.Status] = [], _ body: @Sendable (WebhookReceiver) async throws -> Void
    ) async throws {
        let log = Log()
        let answers = Mutex(statuses)
        let router = Router()
        router.post("/") { request, _ -> HTTPResponse.Status in
            let bytes = Array(buffer: try await request.body.collect(upTo: 1 << 20))
            let valid = WebhookSignature.isValid(
                signature: request.headers[HTTPField.Name(WebhookRequest.signatureHeader)!] ?? "", secret: secret,
                timestamp: request.headers[HTTPField.Name(WebhookRequest.timestampHeader)!] ?? "", body: bytes,
                now: Date())
            log.items.withLock { $0.append(Received(body: bytes, signatureValid: valid, headers: request.headers)) }
            return answers.withLock { $0.isEmpty ? .ok : $0.removeFirst() }
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "webhook-receiver") { _ in SwiftLogNoOpLogHandler() })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            guard let port = await ports.first(where: { _ in true }) else { return }
            try await body(WebhookReceiver(port: port, log: log))
        }
    }
}
