import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Notify
import SitrepCore

/// `GET /ack/<token>`: the incident's public summary and an Acknowledge button; `POST /ack/<token>`: acknowledge.
///
/// The token (signed, expiring: `AckLinkSigner`) is the only credential, so a cross-site form cannot forge a POST
/// without it; a POST that a browser marks as cross-site (`Sec-Fetch-Site`, `Origin`) is refused anyway. A GET
/// never changes anything: mail scanners and link previews fetch links. Pages are never cached, send no referrer
/// (the token is in the URL), and allow a form to post only to this site.
public struct AckLinkRoutes: WebRoutes {
    let signer: AckLinkSigner
    let handler: any AcknowledgeLinkHandler
    let siteTitle: String
    let publicURL: String?
    let clock: @Sendable () -> Date
    let logger: Logger
    let renderer = AckLinkRenderer()

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// - Parameters:
    ///   - publicURL: `web.public_url`; a POST whose `Origin` is not this origin (or the request's own host) is refused.
    ///   - clock: now, for expiry.
    public init(
        signer: AckLinkSigner, handler: any AcknowledgeLinkHandler, siteTitle: String, publicURL: String?,
        logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.signer = signer
        self.handler = handler
        self.siteTitle = siteTitle
        self.publicURL = publicURL
        self.clock = clock
        self.logger = logger
    }

    public var endpoints: [WebEndpoint] { [WebEndpoint("/ack/:token", [.get, .post])] }

    public func register(on router: Router<BasicRequestContext>) {
        router.get("/ack/:token") { _, context in
            await answer { try await show(token: context.parameters.get("token") ?? "") }
        }
        router.post("/ack/:token") { request, context in
            await answer {
                guard
                    AckLinkOrigin.isSameSite(
                        request.headers, authority: request.head.authority, publicURL: publicURL)
                else {
                    return (.forbidden, AckLinkPage(heading: "Not acknowledged", message: AckLinkOrigin.refusal))
                }
                return try await acknowledge(token: context.parameters.get("token") ?? "")
            }
        }
    }

    private func show(token: String) async throws -> (HTTPResponse.Status, AckLinkPage) {
        let claims: AckClaims
        switch signer.verify(token: token, now: clock()) {
        case .failure(let rejection): return Self.rejected(rejection)
        case .success(let verified): claims = verified
        }
        guard let summary = try await handler.summary(for: claims) else { return Self.noIncident }
        let page: AckLinkPage
        if summary.linkUsed {
            page = AckLinkPage(
                heading: "Link already used", message: "This acknowledge link was already used.", summary: summary)
        } else if summary.isClosed {
            page = AckLinkPage(
                heading: "Incident closed", message: "Nothing to acknowledge any more.", summary: summary)
        } else if let by = summary.acknowledgedBy {
            page = AckLinkPage(heading: "Already acknowledged", message: "\(by) acknowledged it.", summary: summary)
        } else {
            page = AckLinkPage(
                heading: "Acknowledge incident #\(summary.incidentID)?",
                message: "Acknowledging tells the team you are on it and stops paging.", summary: summary,
                action: AckLink.pathPrefix + token, person: claims.person)
        }
        return (.ok, page)
    }

    private func acknowledge(token: String) async throws -> (HTTPResponse.Status, AckLinkPage) {
        let claims: AckClaims
        switch signer.verify(token: token, now: clock()) {
        case .failure(let rejection): return Self.rejected(rejection)
        case .success(let verified): claims = verified
        }
        let outcome = try await handler.acknowledge(claims)
        let summary = try await handler.summary(for: claims)
        logger.info(
            "acknowledge link used",
            metadata: ["incident": "\(claims.incidentID)", "person": "\(claims.person)", "outcome": "\(outcome)"])
        switch outcome {
        case .acknowledged:
            return (
                .ok,
                AckLinkPage(
                    heading: "Acknowledged",
                    message:
                        "You acknowledged incident #\(claims.incidentID). Paging has stopped; join the incident channel to work it.",
                    summary: summary)
            )
        case .alreadyUsed:
            return (
                .conflict,
                AckLinkPage(
                    heading: "Link already used", message: "This acknowledge link was already used; nothing changed.",
                    summary: summary)
            )
        case .alreadyAcknowledged(let by):
            return (
                .conflict,
                AckLinkPage(
                    heading: "Already acknowledged", message: "\(by) had already acknowledged it; nothing changed.",
                    summary: summary)
            )
        case .closed:
            return (
                .conflict,
                AckLinkPage(
                    heading: "Incident closed", message: "The incident is closed; nothing to acknowledge.",
                    summary: summary)
            )
        }
    }

    static func rejected(_ rejection: AckLinkRejection) -> (HTTPResponse.Status, AckLinkPage) {
        let heading: String
        let status: HTTPResponse.Status
        switch rejection {
        case .malformed: (heading, status) = ("Link not valid", .badRequest)
        case .badSignature: (heading, status) = ("Link not valid", .forbidden)
        case .expired: (heading, status) = ("Link expired", .gone)
        }
        return (status, AckLinkPage(heading: heading, message: rejection.description))
    }

    static let noIncident: (HTTPResponse.Status, AckLinkPage) = (
        .notFound, AckLinkPage(heading: "No such incident", message: "The incident this link is for does not exist.")
    )

    /// Renders the page `body` returns; a handler failure becomes a plain 503 page (logged, without detail).
    private func answer(_ body: () async throws -> (HTTPResponse.Status, AckLinkPage)) async -> Response {
        let status: HTTPResponse.Status
        let page: AckLinkPage
        do {
            (status, page) = try await body()
        } catch {
            logger.error("acknowledge link failed", metadata: ["error": "\(String(reflecting: error))"])
            (status, page) = (
                .serviceUnavailable,
                AckLinkPage(
                    heading: "Try again",
                    message: "sitrep could not record this just now. Try again in a moment, or acknowledge in chat.")
            )
        }
        let now = WebTime.now()
        let site = SiteView(
            title: siteTitle, refresh: nil, isInternal: false, generatedAt: WebTime.iso(now),
            generatedText: WebTime.display(now))
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        headers[HTTPField.Name("X-Robots-Tag")!] = "noindex"
        return Response(
            status: status, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: renderer.render(page, site: site))))
    }
}
