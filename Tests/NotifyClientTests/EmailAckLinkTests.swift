import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1
import Notify
import NotifyClient
import SitrepTestSupport
import SitrepWeb
import Testing

/// A page email with its acknowledge link, end to end: sent by `SMTPClient` over STARTTLS to the real SMTP sink,
/// read back from the stored .eml, and the link followed (GET, then the form's POST) through the real web server.
@Suite(.enabled(if: LocalMailSink.shouldRun), .timeLimit(.minutes(1)))
struct EmailAckLinkTests {
    static let signer = try! AckLinkSigner(secret: Array("acknowledge link secret for the email test".utf8))

    @Test func linkInTheStoredEmailAcknowledgesOnce() async throws {
        let sink = try LocalMailSink.require()
        let handler = OneIncidentHandler()
        try await Self.serve(handler) { port in
            let claims = AckClaims(
                incidentID: 7, person: "dave", attemptID: "INC-7/tier-1/account:dave/email/\(Int.random(in: 1...1_000_000))",
                expires: Date().addingTimeInterval(3600))
            let link = AckLink.url(publicURL: "http://127.0.0.1:\(port)/", signer: Self.signer, claims: claims)
            let message = EmailMessage(
                from: try EmailAddress("sitrep@sitrep.example"), to: try EmailAddress("dave@sitrep.example"),
                subject: "SEV1 #7 db down", text: "SEV1 #7: db down, unacknowledged.\nAcknowledge: \(link)\n",
                idempotencyKey: "email-ack-\(claims.attemptID)")
            let client = try SMTPClient(
                configuration: SMTPClientConfiguration(
                    host: "localhost", port: sink.startTLSPort, security: .startTLS,
                    credentials: SMTPCredentials(username: sink.user, password: sink.password),
                    trustRoots: .systemAndFile(sink.caFile)))
            try await client.send(message)

            let stored = try #require(try sink.storedMessage(withMessageID: message.messageID))
            let body = QuotedPrintable.decode(stored.components(separatedBy: "\r\n\r\n").dropFirst().joined())
            let found = try #require(body.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http://") })
            #expect(String(found) == link)

            let page = try await Self.call(String(found), method: .GET)
            #expect(page.status == 200)
            #expect(page.body.contains("Acknowledge as dave"))
            #expect(await handler.acknowledgedBy == nil)
            let pressed = try await Self.call(String(found), method: .POST)
            #expect(pressed.status == 200)
            #expect(pressed.body.contains("You acknowledged incident #7"))
            #expect(await handler.acknowledgedBy == "dave")
            let again = try await Self.call(String(found), method: .POST)
            #expect(again.status == 409)
            #expect(again.body.contains("already used"))
        }
    }

    static func call(_ url: String, method: HTTPMethod) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    static func serve(_ handler: OneIncidentHandler, _ body: @Sendable (Int) async throws -> Void) async throws {
        let logger = Logger(label: "email-ack-test") { _ in SwiftLogNoOpLogHandler() }
        let routes = AckLinkRoutes(
            signer: signer, handler: handler, siteTitle: "Example status", publicURL: nil, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = WebServer(
            configuration: WebServerConfiguration(host: "127.0.0.1", port: 0), routes: [routes], logger: logger,
            onListening: { continuation.yield($0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            guard let port = await ports.first(where: { _ in true }) else { return }
            try await body(port)
        }
    }
}

/// Incident #7, acknowledged at most once, each attempt's link used at most once.
actor OneIncidentHandler: AcknowledgeLinkHandler {
    private(set) var acknowledgedBy: String?
    private var used: Set<String> = []

    func summary(for claims: AckClaims) -> AckLinkSummary? {
        AckLinkSummary(
            incidentID: 7, title: "db down", severity: "SEV1", state: "declared", acknowledgedBy: acknowledgedBy,
            linkUsed: used.contains(claims.attemptID))
    }

    func acknowledge(_ claims: AckClaims) -> AckLinkOutcome {
        if used.contains(claims.attemptID) { return .alreadyUsed }
        if let acknowledgedBy { return .alreadyAcknowledged(by: acknowledgedBy) }
        used.insert(claims.attemptID)
        acknowledgedBy = claims.person
        return .acknowledged
    }
}
