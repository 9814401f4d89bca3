import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Notify
import NotifyClient
import Synchronization
import Testing

/// `WebhookSender` against a real HTTP server on loopback that checks the signature the way a receiver would.
@Suite(.timeLimit(.minutes(1)))
struct WebhookSenderTests {
    static let secret = Array("webhook secret for the receiver test".utf8)
    static let fields = PageFields(
        incidentID: 7, title: "db down", severity: "SEV1", status: "declared", text: "SEV1 #7: db down",
        person: "dave", ackURL: "https://sitrep.example/ack/abc")

    static func request(port: Int, path: String, key: String = "attempt-1") throws -> WebhookRequest {
        let target = try WebhookTarget(
            url: "http://127.0.0.1:\(port)\(path)",
            template: try WebhookTemplate(
                json: #"{"title": "{{title}}", "message": "{{text}}", "click": "{{ack_url}}"}"#),
            secret: secret, headers: [("X-Receiver-Token", "tok")])
        return WebhookRequest(target: target, fields: fields, idempotencyKey: key, timestamp: Date())
    }

    @Test func signedJSONIsDeliveredAndVerifies() async throws {
        try await Receiver.run { receiver in
            try await WebhookSender().send(try Self.request(port: receiver.port, path: "/hook", key: "attempt-41"))
            let received = try #require(receiver.log.all.first)
            #expect(received.signatureValid)
            #expect(received.idempotencyKey == "attempt-41")
            #expect(received.token == "tok")
            let object = try JSONSerialization.jsonObject(with: Data(received.body)) as? [String: String]
            #expect(
                object == [
                    "title": "db down", "message": "SEV1 #7: db down", "click": "https://sitrep.example/ack/abc",
                ])
        }
    }

    @Test(arguments: [(500, true), (503, true), (429, true), (400, false), (401, false), (404, false)])
    func nonSuccessStatusSaysWhetherToRetry(status: Int, retryable: Bool) async throws {
        try await Receiver.run { receiver in
            let error = await #expect(throws: WebhookDeliveryError.self) {
                try await WebhookSender().send(try Self.request(port: receiver.port, path: "/status/\(status)"))
            }
            guard case .status(let code, let body) = error else {
                Issue.record("expected a status error, got \(String(describing: error))")
                return
            }
            #expect(code == status)
            #expect(body.contains("answer \(status)"))
            #expect(error?.isRetryable == retryable)
        }
    }

    @Test func slowReceiverTimesOutRetryably() async throws {
        try await Receiver.run { receiver in
            let sender = WebhookSender(timeout: .milliseconds(300))
            let error = await #expect(throws: WebhookDeliveryError.self) {
                try await sender.send(try Self.request(port: receiver.port, path: "/slow"))
            }
            #expect(error == .timedOut(after: .milliseconds(300)))
            #expect(error?.isRetryable == true)
        }
    }

    @Test func nothingListeningIsUnreachableAndRetryable() async throws {
        let port = try await SilentServer.unusedPort()
        let error = await #expect(throws: WebhookDeliveryError.self) {
            try await WebhookSender(timeout: .seconds(1)).send(try Self.request(port: port, path: "/hook"))
        }
        // AsyncHTTPClient keeps retrying a refused connection until the deadline, then names the refusal.
        guard case .unreachable(let reason) = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(reason.lowercased().contains("refused"), "\(reason)")
        #expect(error?.isRetryable == true)
    }
}

/// A Hummingbird server on a free loopback port that records what it receives: `/hook` answers 204 after checking
/// the signature, `/status/N` answers N, `/slow` answers after 2 s.
struct Receiver: Sendable {
    struct Received: Sendable {
        var body: [UInt8]
        var signatureValid: Bool
        var idempotencyKey: String?
        var token: String?
    }

    /// What arrived at `/hook`, in order.
    final class Log: Sendable {
        let items = Mutex<[Received]>([])
        var all: [Received] { items.withLock { $0 } }
    }

    let port: Int
    let log: Log

    static func run(_ body: @Sendable (Receiver) async throws -> Void) async throws {
        let log = Log()
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            let bytes = Array(buffer: try await request.body.collect(upTo: 1 << 20))
            let valid = WebhookSignature.isValid(
                signature: request.headers[HTTPField.Name("X-Sitrep-Signature")!] ?? "",
                secret: WebhookSenderTests.secret,
                timestamp: request.headers[HTTPField.Name("X-Sitrep-Timestamp")!] ?? "", body: bytes, now: Date())
            let received = Received(
                body: bytes, signatureValid: valid, idempotencyKey: request.headers[HTTPField.Name("Idempotency-Key")!],
                token: request.headers[HTTPField.Name("X-Receiver-Token")!])
            log.items.withLock { $0.append(received) }
            return valid ? .noContent : .unauthorized
        }
        router.post("/status/:code") { _, context -> Response in
            let code = Int(context.parameters.get("code") ?? "") ?? 500
            return Response(
                status: .init(code: code), body: ResponseBody(byteBuffer: ByteBuffer(string: "answer \(code)\r\nbye")))
        }
        router.post("/slow") { _, _ -> HTTPResponse.Status in
            try await Task.sleep(for: .seconds(2))
            return .noContent
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
            try await body(Receiver(port: port, log: log))
        }
    }
}
