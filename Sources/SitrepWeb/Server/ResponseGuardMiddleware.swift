import HTTPTypes
import Hummingbird
import Logging

/// Every answer of the web server, whatever route or error produced it (`/metrics`, a 404, a hook's reply), gets
/// the security headers the pages carry; a known path asked with a method it does not take gets 405 with `Allow`.
struct ResponseGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let endpoints: [WebEndpoint]
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            if error.status == .notFound,
                let allowed = WebEndpoint.allowed(for: request.uri.path, in: endpoints),
                !allowed.contains(request.method)
            {
                response = Self.methodNotAllowed(allowed)
            } else {
                response = try error.response(from: request, context: context)
            }
        } catch {
            logger.error(
                "web request failed",
                metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            response = WebResponder.plain(.internalServerError, "internal error")
        }
        SecurityHeaders.apply(to: &response.headers)
        return response
    }

    static func methodNotAllowed(_ allowed: [HTTPRequest.Method]) -> Response {
        var response = WebResponder.plain(.methodNotAllowed, "method not allowed; use \(Self.allowValue(allowed))")
        response.headers[.allow] = allowValue(allowed)
        return response
    }

    static func allowValue(_ methods: [HTTPRequest.Method]) -> String {
        methods.map(\.rawValue).joined(separator: ", ")
    }
}

/// The headers every answer carries: no scripts, no framing, no sniffing, no referrer, and not cached unless the
/// route said otherwise. Headers a route set itself are kept.
enum SecurityHeaders {
    static let fields: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy, WebResponder.contentSecurityPolicy),
        (.xContentTypeOptions, "nosniff"),
        (.referrerPolicy, "no-referrer"),
        (.xFrameOptions, "DENY"),
        (.cacheControl, "no-store"),
    ]

    static func apply(to headers: inout HTTPFields) {
        for (name, value) in fields where headers[name] == nil {
            headers[name] = value
        }
    }
}

extension HTTPField.Name {
    /// `X-Frame-Options`, which HTTPTypes does not name.
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}
