import Hummingbird

/// A group of routes that another part of sitrep mounts on the web server (the alert hooks, `/metrics`), so the
/// server does not need to know every feature that serves HTTP.
public protocol WebRoutes: Sendable {
    /// Adds this group's routes to `router`.
    func register(on router: Router<BasicRequestContext>)
}
