import Hummingbird

/// The internal side, behind the operator's token: an incident's whole timeline (transcript, notes, lifecycle) as
/// a page and as JSON, and its review draft. Every route here is registered inside the group that checks the
/// token, so none can be reached without it.
struct InternalRoutes: WebRoutes {
    let views: StatusViews
    let responder: WebResponder
    let token: AccessToken?

    /// Entries shown when `?limit=` is not given, and the most one request may ask for.
    static let defaultLimit = 1000
    static let maxLimit = 100_000

    var endpoints: [WebEndpoint] {
        ["/incidents/:id/timeline", "/incidents/:id/review", "/api/incidents/:id/timeline"].map { WebEndpoint($0, [.get]) }
    }

    func register(on router: Router<BasicRequestContext>) {
        let group = router.group().add(middleware: InternalAccessMiddleware(token: token, responder: responder))
        group.get("/incidents/:id/timeline") { request, context in
            await responder.respond(to: request) {
                let view = try await views.timeline(id: try IncidentPath.id(context), limit: try Self.limit(request))
                return responder.page(.timeline, view, isInternal: true)
            }
        }
        group.get("/incidents/:id/review") { request, context in
            await responder.respond(to: request) {
                let review = try await views.reviewDraft(id: try IncidentPath.id(context))
                return WebResponder.response(.ok, review.html(), type: "text/html; charset=utf-8", isInternal: true)
            }
        }
        group.get("/api/incidents/:id/timeline") { request, context in
            await responder.respond(to: request) {
                let view = try await views.timeline(id: try IncidentPath.id(context), limit: try Self.limit(request))
                return try responder.json(view, isInternal: true)
            }
        }
    }

    /// `?limit=N`, 1 to `maxLimit`; `defaultLimit` when absent.
    static func limit(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("limit") else { return defaultLimit }
        guard let limit = Int(text), (1...maxLimit).contains(limit) else { throw WebError.badLimit(text) }
        return limit
    }
}

/// Lets a request through to the internal routes only with the operator's token (see `InternalAccess`).
struct InternalAccessMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let token: AccessToken?
    let responder: WebResponder

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        switch InternalAccess.check(request.headers, token: token) {
        case .granted: return try await next(request, context)
        case .disabled: return responder.failure(.internalViewsOff, for: request)
        case .missingCredentials: return responder.failure(.unauthorized(wrongCredentials: false), for: request)
        case .wrongCredentials:
            responder.logger.notice("internal view refused: wrong token", metadata: ["path": "\(request.uri.path)"])
            return responder.failure(.unauthorized(wrongCredentials: true), for: request)
        }
    }
}
