import Hummingbird

/// A group of routes that another part of sitrep mounts on the web server (the alert hooks, `/metrics`), so the
/// server does not need to know every feature that serves HTTP.
public protocol WebRoutes: Sendable {
    /// Adds this group's routes to `router`.
    func register(on router: Router<BasicRequestContext>)

    /// The paths this group serves and their methods, so other methods there get 405 with `Allow`.
    var endpoints: [WebEndpoint] { get }
}

extension WebRoutes {
    public var endpoints: [WebEndpoint] { [] }
}
