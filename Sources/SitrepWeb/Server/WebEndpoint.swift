import HTTPTypes

/// A path the web server answers and the methods it takes there, so a request for a known path with another
/// method gets `405 Method Not Allowed` with `Allow` rather than 404.
public struct WebEndpoint: Sendable, Equatable {
    /// The route's path as registered; a segment starting with `:` matches any one segment.
    public let path: String
    /// The methods routed there (a GET route also answers HEAD).
    public let methods: [HTTPRequest.Method]

    public init(_ path: String, _ methods: [HTTPRequest.Method]) {
        self.path = path
        self.methods = methods
    }

    /// Whether `requestPath` (without query) is this endpoint's path.
    func matches(_ requestPath: some StringProtocol) -> Bool {
        let pattern = path.split(separator: "/")
        let segments = requestPath.split(separator: "/")
        guard pattern.count == segments.count else { return false }
        return zip(pattern, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }

    /// The methods to list in `Allow` for `requestPath` among `endpoints`, nil when no endpoint has that path.
    static func allowed(for requestPath: some StringProtocol, in endpoints: [WebEndpoint]) -> [HTTPRequest.Method]? {
        let matching = endpoints.filter { $0.matches(requestPath) }
        guard !matching.isEmpty else { return nil }
        var methods: [HTTPRequest.Method] = []
        for method in matching.flatMap(\.methods) where !methods.contains(method) {
            methods.append(method)
            if method == .get, !methods.contains(.head) { methods.append(.head) }
        }
        return methods
    }
}
