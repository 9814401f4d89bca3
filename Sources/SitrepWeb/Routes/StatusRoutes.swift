import Hummingbird

/// The public side: the status page, each incident's public page, and the same as JSON. Nothing here reads the
/// transcript; what an incident page shows passes `PublicTimeline`.
struct StatusRoutes: WebRoutes {
    let views: StatusViews
    let responder: WebResponder

    var endpoints: [WebEndpoint] {
        ["/", "/incidents/:id", "/api/incidents", "/api/incidents/:id"].map { WebEndpoint($0, [.get]) }
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in
            await responder.respond(to: request) {
                responder.page(.index, try await views.board(), refresh: true)
            }
        }
        router.get("/incidents/:id") { request, context in
            await responder.respond(to: request) {
                let page = try await views.incidentPage(id: try IncidentPath.id(context))
                return responder.page(.incident, page, refresh: page.isLive)
            }
        }
        router.get("/api/incidents") { request, _ in
            await responder.respond(to: request) { try responder.json(try await views.board()) }
        }
        router.get("/api/incidents/:id") { request, context in
            await responder.respond(to: request) {
                try responder.json(try await views.incidentPage(id: try IncidentPath.id(context)))
            }
        }
    }
}

/// The incident id in a route's `:id`.
enum IncidentPath {
    /// A positive whole number of ASCII digits, else `WebError.badIncidentID`.
    static func id(_ context: BasicRequestContext) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let id = Int64(text), id > 0 else {
            throw WebError.badIncidentID(text)
        }
        return id
    }
}
