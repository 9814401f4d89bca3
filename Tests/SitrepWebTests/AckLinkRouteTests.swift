import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Notify
import SitrepWeb
import Testing

/// The acknowledge-link pages through the real web server over a socket, with a handler that keeps incidents in
/// memory the way SitrepApp's does in the store (single use per attempt).
@Suite(.timeLimit(.minutes(1)))
struct AckLinkRouteTests {
    static let secret = Array("acknowledge link secret for the web tests".utf8)
    static let now = Date(timeIntervalSince1970: 1_796_644_800)
    static let signer = try! AckLinkSigner(secret: secret)
    static let claims = AckClaims(incidentID: 7, person: "dave", attemptID: "INC-7/tier-1/account:dave/email/1", expires: now.addingTimeInterval(3600))

    static func path(_ claims: AckClaims = claims) -> String { AckLink.pathPrefix + signer.sign(claims) }

    @Test func getShowsTheSummaryAndAButtonAndChangesNothing() async throws {
        let handler = MemoryAckHandler()
        try await Self.serve(handler) { client in
            let response = try await client.get(Self.path())
            let body = Self.text(response)
            #expect(response.status == .ok)
            #expect(body.contains("db &lt;primary&gt; down"))
            #expect(body.contains("<form method=\"post\" action=\"\(Self.path())\">"))
            #expect(body.contains("Acknowledge as dave"))
            #expect(!body.contains("<script"))
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(response.headers[.contentSecurityPolicy]?.contains("form-action 'self'") == true)
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(await handler.acknowledgements.isEmpty)
        }
    }

    @Test func postAcknowledgesOnceThenSaysTheLinkWasUsed() async throws {
        let handler = MemoryAckHandler()
        try await Self.serve(handler) { client in
            let first = try await client.post(Self.path(), body: ByteBuffer())
            #expect(first.status == .ok)
            #expect(Self.text(first).contains("You acknowledged incident #7"))
            #expect(await handler.acknowledgements == ["dave"])
            let second = try await client.post(Self.path(), body: ByteBuffer())
            #expect(second.status == .conflict)
            #expect(Self.text(second).contains("already used"))
            let page = try await client.get(Self.path())
            #expect(Self.text(page).contains("This acknowledge link was already used."))
            #expect(!Self.text(page).contains("<form"))
            #expect(await handler.acknowledgements == ["dave"])
        }
    }

    @Test func someoneElsesAcknowledgementIsNamed() async throws {
        let handler = MemoryAckHandler(acknowledgedBy: "alice")
        try await Self.serve(handler) { client in
            let page = try await client.get(Self.path())
            #expect(Self.text(page).contains("alice acknowledged it."))
            #expect(!Self.text(page).contains("<form"))
            let post = try await client.post(Self.path(), body: ByteBuffer())
            #expect(post.status == .conflict)
            #expect(Self.text(post).contains("alice had already acknowledged it"))
        }
    }

    @Test func expiredForgedAndDamagedLinksSaySo() async throws {
        let handler = MemoryAckHandler()
        try await Self.serve(handler) { client in
            var old = Self.claims
            old.expires = Self.now.addingTimeInterval(-1)
            let expired = try await client.post(Self.path(old), body: ByteBuffer())
            #expect(expired.status == .gone)
            #expect(Self.text(expired).contains("This acknowledge link has expired"))
            let forger = try AckLinkSigner(secret: Array(repeating: 9, count: 32))
            let forged = try await client.post(AckLink.pathPrefix + forger.sign(Self.claims), body: ByteBuffer())
            #expect(forged.status == .forbidden)
            let damaged = try await client.get(String(Self.path().dropLast(6)))
            #expect(damaged.status == .badRequest || damaged.status == .forbidden)
            #expect(await handler.acknowledgements.isEmpty)
        }
    }

    @Test func crossSitePostIsRefused() async throws {
        let handler = MemoryAckHandler()
        try await Self.serve(handler) { client in
            let bySecFetch = try await client.post(
                Self.path(), headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"], body: ByteBuffer())
            #expect(bySecFetch.status == .forbidden)
            let byOrigin = try await client.post(
                Self.path(), headers: [HTTPField.Name("Origin")!: "https://evil.example"], body: ByteBuffer())
            #expect(byOrigin.status == .forbidden)
            #expect(await handler.acknowledgements.isEmpty)
            let sameOrigin = try await client.post(
                Self.path(),
                headers: [
                    HTTPField.Name("Origin")!: "https://sitrep.example",
                    HTTPField.Name("Sec-Fetch-Site")!: "same-origin",
                ],
                body: ByteBuffer())
            #expect(sameOrigin.status == .ok)
            #expect(await handler.acknowledgements == ["dave"])
        }
    }

    @Test func closedIncidentHasNothingToAcknowledge() async throws {
        let handler = MemoryAckHandler(closed: true)
        try await Self.serve(handler) { client in
            let page = try await client.get(Self.path())
            #expect(Self.text(page).contains("Nothing to acknowledge any more."))
            let post = try await client.post(Self.path(), body: ByteBuffer())
            #expect(post.status == .conflict)
        }
    }

    /// The response body as text.
    static func text(_ response: TestClient.Response) -> String { response.body.map { String(buffer: $0) } ?? "" }

    /// Runs `body` with a client of a real `WebServer` that mounts only the acknowledge routes.
    static func serve(
        _ handler: MemoryAckHandler, _ body: @escaping @Sendable (TestClient) async throws -> Void
    ) async throws {
        let logger = Logger(label: "ack-test") { _ in SwiftLogNoOpLogHandler() }
        let routes = AckLinkRoutes(
            signer: signer, handler: handler, siteTitle: "Example status", publicURL: "https://sitrep.example",
            logger: logger, clock: { now })
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = WebServer(
            configuration: WebServerConfiguration(host: "127.0.0.1", port: 0, title: "Example status"),
            routes: [routes], logger: logger, onListening: { continuation.yield($0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            guard let port = await ports.first(where: { _ in true }) else { return }
            try await TestClient.withClient(host: "127.0.0.1", port: port) { try await body($0) }
        }
    }
}

/// An incident #7 in memory, acknowledged at most once per attempt, as SitrepApp's handler does in the store.
actor MemoryAckHandler: AcknowledgeLinkHandler {
    private(set) var acknowledgements: [String] = []
    private var usedAttempts: Set<String> = []
    private var acknowledgedBy: String?
    private let closed: Bool

    init(acknowledgedBy: String? = nil, closed: Bool = false) {
        self.acknowledgedBy = acknowledgedBy
        self.closed = closed
    }

    func summary(for claims: AckClaims) -> AckLinkSummary? {
        guard claims.incidentID == 7 else { return nil }
        return AckLinkSummary(
            incidentID: 7, title: "db <primary> down", severity: "SEV1", state: closed ? "resolved" : "declared",
            summary: "Writes fail.", acknowledgedBy: acknowledgedBy, isClosed: closed,
            linkUsed: usedAttempts.contains(claims.attemptID))
    }

    func acknowledge(_ claims: AckClaims) -> AckLinkOutcome {
        if usedAttempts.contains(claims.attemptID) { return .alreadyUsed }
        if closed { return .closed }
        if let acknowledgedBy { return .alreadyAcknowledged(by: acknowledgedBy) }
        usedAttempts.insert(claims.attemptID)
        acknowledgedBy = claims.person
        acknowledgements.append(claims.person)
        return .acknowledged
    }
}
