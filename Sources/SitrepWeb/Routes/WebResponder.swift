import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SitrepCore

/// Turns views and errors into HTTP responses: pages through the templates, JSON through one encoder, with the
/// same security headers everywhere (no scripts, no framing, no sniffing, no referrer).
struct WebResponder: Sendable {
    let configuration: WebServerConfiguration
    let renderer: PageRenderer
    let clock: @Sendable () -> Timestamp
    let logger: Logger

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// Runs `body`; an error becomes its page (or JSON body, for `/api/` paths). Unexpected errors are logged and
    /// answered as a store failure, without detail.
    func respond(to request: Request, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as WebError {
            return failure(error, for: request)
        } catch {
            let metadata: Logger.Metadata = ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"]
            logger.error("web request failed", metadata: metadata)
            return failure(.storeFailed, for: request)
        }
    }

    /// A rendered page. Internal pages are marked as such and never cached.
    func page(
        _ name: PageRenderer.Page, _ view: some Sendable, status: HTTPResponse.Status = .ok, isInternal: Bool = false,
        refresh: Bool = false
    ) -> Response {
        let now = clock()
        let seconds = configuration.refreshSeconds
        let site = SiteView(
            title: configuration.title, refresh: refresh && seconds > 0 ? seconds : nil, isInternal: isInternal,
            generatedAt: WebTime.iso(now), generatedText: WebTime.display(now))
        let html = renderer.render(name, site: site, page: view)
        return Self.response(status, html, type: "text/html; charset=utf-8", isInternal: isInternal)
    }

    /// `value` as JSON (keys sorted, so equal views give equal bytes).
    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, isInternal: Bool = false) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        let text = String(decoding: data, as: UTF8.self) + "\n"
        return Self.response(status, text, type: "application/json", isInternal: isInternal)
    }

    /// The answer to `error`: JSON under `/api/`, an HTML page elsewhere; a 401 carries the login challenges.
    func failure(_ error: WebError, for request: Request) -> Response {
        var response: Response
        if request.uri.path.hasPrefix("/api/") {
            let body = ErrorBody(error: error.code, reason: error.reason)
            response =
                (try? json(body, status: error.status))
                ?? Self.response(error.status, error.reason + "\n", type: "text/plain; charset=utf-8", isInternal: false)
        } else {
            response = page(.error, ErrorPage(heading: error.heading, reason: error.reason), status: error.status)
        }
        if case .unauthorized = error {
            response.headers[values: .wwwAuthenticate] = InternalAccess.challenges
        }
        return response
    }

    /// A response with `body` and the headers every answer carries.
    static func response(_ status: HTTPResponse.Status, _ body: String, type: String, isInternal: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = isInternal ? "no-store, private" : "no-cache"
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "no-referrer"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

extension WebResponder {
    /// A one-line plain-text answer (the security headers are added by `ResponseGuardMiddleware`).
    static func plain(_ status: HTTPResponse.Status, _ line: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: line + "\n")))
    }
}

extension HTTPField.Name {
    /// `Referrer-Policy`, which HTTPTypes does not name.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
