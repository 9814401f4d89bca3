import Foundation
import NIOCore
import NIOPosix
import Notify
import NotifyClient
import SitrepTestSupport
import Testing

/// `SMTPClient` against the real SMTP server of `deploy/local/mail-sink.sh` (aiosmtpd), over STARTTLS and implicit
/// TLS with the certificate verified against the sink's own CA.
@Suite(.enabled(if: LocalMailSink.shouldRun), .timeLimit(.minutes(1)))
struct SMTPClientSinkTests {
    static func message(_ key: String, text: String = "SEV1 #7: db down\nAcknowledge: https://sitrep.example/ack/x")
        throws -> EmailMessage
    {
        EmailMessage(
            from: try EmailAddress("sitrep@sitrep.example", displayName: "sitrep"),
            to: try EmailAddress("dave@sitrep.example"), subject: "SEV1 #7 — Datenbank läuft nicht", text: text,
            idempotencyKey: key)
    }

    static func client(
        _ sink: LocalMailSink, _ security: SMTPSessionConfiguration.Security, port: Int,
        trust: SMTPClientConfiguration.TrustRoots? = nil, password: String? = nil
    ) throws -> SMTPClient {
        try SMTPClient(
            configuration: SMTPClientConfiguration(
                host: "localhost", port: port, security: security, localName: "sitrep.test",
                credentials: SMTPCredentials(username: sink.user, password: password ?? sink.password),
                trustRoots: trust ?? .systemAndFile(sink.caFile), deliveryTimeout: .seconds(20)))
    }

    static func uniqueKey() -> String { "test-\(UUID().uuidString)" }

    @Test func deliversOverStartTLSWithLogin() async throws {
        let sink = try LocalMailSink.require()
        let message = try Self.message(Self.uniqueKey(), text: "line one\n.starts with a dot\n.\nlast")
        try await Self.client(sink, .startTLS, port: sink.startTLSPort).send(message)
        let stored = try #require(try sink.storedMessage(withMessageID: message.messageID))
        #expect(stored.contains("X-Sink-TLS: yes\r\n"))
        #expect(stored.contains("X-Sink-Auth: yes\r\n"))
        #expect(stored.contains("X-Sink-Envelope-To: dave@sitrep.example\r\n"))
        #expect(stored.contains("Subject: =?UTF-8?B?"))
        // The dot-stuffed lines arrive as they were written (the server removes the stuffing).
        #expect(stored.hasSuffix("\r\n\r\nline one\r\n.starts with a dot\r\n.\r\nlast\r\n"))
    }

    @Test func deliversOverImplicitTLS() async throws {
        let sink = try LocalMailSink.require()
        let message = try Self.message(Self.uniqueKey())
        try await Self.client(sink, .implicitTLS, port: sink.implicitTLSPort).send(message)
        let stored = try #require(try sink.storedMessage(withMessageID: message.messageID))
        #expect(stored.contains("X-Sink-TLS: yes\r\n"))
        #expect(stored.contains("X-Sink-Auth: yes\r\n"))
    }

    @Test(arguments: [SMTPSessionConfiguration.Security.startTLS, .implicitTLS])
    func refusesACertificateItDoesNotTrust(security: SMTPSessionConfiguration.Security) async throws {
        let sink = try LocalMailSink.require()
        let port = security == .startTLS ? sink.startTLSPort : sink.implicitTLSPort
        let message = try Self.message(Self.uniqueKey())
        let client = try Self.client(sink, security, port: port, trust: .system)
        let error = await #expect(throws: SMTPClientError.self) { try await client.send(message) }
        guard case .tlsFailed(let host, _) = error else {
            Issue.record("expected a TLS failure, got \(String(describing: error))")
            return
        }
        #expect(host == "localhost")
        #expect(error?.isRetryable == false)
        #expect("\(error!)".contains("ca_file"))
        #expect(try sink.storedMessage(withMessageID: message.messageID) == nil)
    }

    @Test func wrongPasswordIsAPermanentFailure() async throws {
        let sink = try LocalMailSink.require()
        let client = try Self.client(sink, .implicitTLS, port: sink.implicitTLSPort, password: "wrong")
        let error = await #expect(throws: SMTPClientError.self) {
            try await client.send(try Self.message(Self.uniqueKey()))
        }
        guard case .smtp(.rejected(step: .authenticate, let reply)) = error else {
            Issue.record("expected an AUTH refusal, got \(String(describing: error))")
            return
        }
        #expect(reply.code == 535)
        #expect(error?.isRetryable == false)
    }

    @Test func nothingListeningIsARetryableConnectFailure() async throws {
        let sink = try LocalMailSink.require()
        let port = try await SilentServer.unusedPort()
        let client = try Self.client(sink, .implicitTLS, port: port)
        let error = await #expect(throws: SMTPClientError.self) {
            try await client.send(try Self.message(Self.uniqueKey()))
        }
        guard case .connectFailed = error else {
            Issue.record("expected a connect failure, got \(String(describing: error))")
            return
        }
        #expect(error?.isRetryable == true)
    }

    @Test func serverThatNeverGreetsTimesOut() async throws {
        let sink = try LocalMailSink.require()
        let server = try await SilentServer.start()
        let client = try SMTPClient(
            configuration: SMTPClientConfiguration(
                host: "127.0.0.1", port: server.port, security: .startTLS, trustRoots: .systemAndFile(sink.caFile),
                deliveryTimeout: .milliseconds(500)))
        let error = await #expect(throws: SMTPClientError.self) {
            try await client.send(try Self.message(Self.uniqueKey()))
        }
        #expect(error == .timedOut(after: .milliseconds(500)))
        #expect(error?.isRetryable == true)
        try await server.stop()
    }

    @Test func unreadableCAFileFailsAtConstruction() {
        #expect(throws: SMTPClientError.invalidConfiguration("the CA file /nonexistent/ca.crt cannot be read")) {
            try SMTPClient(
                configuration: SMTPClientConfiguration(
                    host: "localhost", port: 25, security: .startTLS, trustRoots: .systemAndFile("/nonexistent/ca.crt"))
            )
        }
    }
}

/// A TCP server on loopback that accepts connections and never says anything.
struct SilentServer {
    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    static func start() async throws -> SilentServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        return SilentServer(channel: channel)
    }

    /// A port nothing listens on (bound, then released).
    static func unusedPort() async throws -> Int {
        let server = try await start()
        let port = server.port
        try await server.stop()
        return port
    }

    func stop() async throws { try await channel.close() }
}
