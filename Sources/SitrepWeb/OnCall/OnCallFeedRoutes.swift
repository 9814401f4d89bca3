import Hummingbird
import SitrepCore

/// What the on-call calendar feed needs from the rest of sitrep, which `SitrepApp` implements over the schedules
/// and the store.
public protocol OnCallFeedSource: Sendable {
    /// The iCalendar text of `schedule` as of `now`; nil when there is no such schedule.
    func calendar(schedule: String, at now: Timestamp) async throws -> String?
    /// Whether `schedule`'s feed is served without a token (`public_feed: true`).
    func isPublic(_ schedule: String) -> Bool
}

/// `GET /oncall/<name>.ics`: a schedule's shifts as an iCalendar feed that any calendar can subscribe to. A feed
/// not made public needs the feed token, as `?token=` (calendar apps can only subscribe to a URL) or as the
/// internal views take it (`Authorization: Bearer`, or Basic with the token as the password); compared in
/// constant time. Without a feed token only public feeds are served.
public struct OnCallFeedRoutes: WebRoutes {
    let source: any OnCallFeedSource
    let token: AccessToken?
    let clock: @Sendable () -> Timestamp

    public init(source: any OnCallFeedSource, token: AccessToken?, clock: @escaping @Sendable () -> Timestamp) {
        self.source = source
        self.token = token
        self.clock = clock
    }

    public var endpoints: [WebEndpoint] { [WebEndpoint("/oncall/:file", [.get])] }

    public func register(on router: Router<BasicRequestContext>) {
        router.get("/oncall/:file") { request, context in
            await respond(to: request, file: context.parameters.get("file") ?? "")
        }
    }

    func respond(to request: Request, file: String) async -> Response {
        guard file.hasSuffix(".ics"), file.count > 4 else {
            return WebResponder.plain(.notFound, "not found: on-call feeds are /oncall/<schedule>.ics")
        }
        let name = String(file.dropLast(4))
        let isPublic = source.isPublic(name)
        if !isPublic {
            switch access(request) {
            case .granted: break
            case .disabled:
                return WebResponder.plain(
                    .forbidden, "this on-call feed needs a token, and none is set (web.oncall_token_env or web.oncall_token_file)")
            case .missingCredentials:
                return WebResponder.plain(.unauthorized, "this on-call feed needs ?token=<the on-call feed token>")
            case .wrongCredentials:
                return WebResponder.plain(.unauthorized, "wrong on-call feed token")
            }
        }
        do {
            guard let text = try await source.calendar(schedule: name, at: clock()) else {
                return WebResponder.plain(.notFound, "no on-call schedule named \(name.prefix(40))")
            }
            var response = WebResponder.response(.ok, text, type: "text/calendar; charset=utf-8", isInternal: !isPublic)
            response.headers[.contentDisposition] = "inline; filename=\"\(name).ics\""
            return response
        } catch {
            return WebResponder.plain(.serviceUnavailable, "the on-call feed could not be built (storage error); retry")
        }
    }

    /// The token from `?token=`, else from the `Authorization` header as the internal views read it.
    func access(_ request: Request) -> InternalAccess {
        guard let token else { return .disabled }
        if let presented = request.uri.queryParameters.get("token") {
            return token.matches(Array(presented.utf8)) ? .granted : .wrongCredentials
        }
        return InternalAccess.check(request.headers, token: token)
    }
}
