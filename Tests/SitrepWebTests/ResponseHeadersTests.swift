import Hummingbird
import HTTPTypes
import HummingbirdTesting
import InMemoryLogging
import Logging
import SitrepWeb
import Testing

/// Every answer carries the security headers, whatever produced it; a known path with another method gets 405
/// with `Allow`; refused hook calls are logged at most once per interval.
@Suite struct ResponseHeadersTests {
    static func withServer(
        logs: InMemoryLogHandler = InMemoryLogHandler(), _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let logger = Logger(label: "test") { _ in logs }
        let hooks = AlertHookRoutes(
            configuration: AlertHookConfiguration(bearerToken: HookSecret("s3cr3t-bearer-token")), sink: RecordingSink(),
            logger: logger)
        let server = WebServer(
            configuration: .init(host: "127.0.0.1", port: 0), routes: [hooks, MetricsRoutes { "# none\n" }],
            logger: logger)
        let app = Application(router: server.makeRouter())
        try await app.test(.router, body)
    }

    static func expectSecurityHeaders(_ response: TestResponse, _ what: String) {
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(what)")
        #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(what)")
        #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(what)")
        #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(what)")
        #expect(response.headers[.cacheControl] != nil, "\(what)")
    }

    @Test func metricsNotFoundAndHookRepliesCarryTheSecurityHeaders() async throws {
        try await Self.withServer { client in
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            Self.expectSecurityHeaders(metrics, "/metrics")
            let missing = try await client.execute(uri: "/nope", method: .get)
            #expect(missing.status == .notFound)
            Self.expectSecurityHeaders(missing, "404")
            let refused = try await client.execute(uri: "/hooks/generic", method: .post, body: ByteBuffer(string: "{}"))
            #expect(refused.status == .unauthorized)
            Self.expectSecurityHeaders(refused, "hook 401")
            let health = try await client.execute(uri: "/healthz", method: .get)
            Self.expectSecurityHeaders(health, "/healthz")
        }
    }

    @Test(arguments: [
        (HTTPRequest.Method.options, "/healthz", "GET, HEAD"), (.trace, "/metrics", "GET, HEAD"),
        (.put, "/hooks/generic", "POST"), (.delete, "/healthz", "GET, HEAD"), (.get, "/hooks/alertmanager", "POST"),
    ])
    func otherMethodsOnAKnownPathGet405WithAllow(method: HTTPRequest.Method, path: String, allow: String) async throws {
        try await Self.withServer { client in
            let response = try await client.execute(uri: path, method: method)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == allow)
            Self.expectSecurityHeaders(response, "405")
        }
    }

    @Test func anUnknownPathStays404WhateverTheMethod() async throws {
        try await Self.withServer { client in
            let response = try await client.execute(uri: "/nope", method: .delete)
            #expect(response.status == .notFound)
        }
    }

    @Test func aFloodOfRefusedHookCallsLogsOneWarning() async throws {
        let logs = InMemoryLogHandler()
        let started = ContinuousClock.now
        try await Self.withServer(logs: logs) { client in
            for _ in 0..<50 {
                let response = try await client.execute(
                    uri: "/hooks/generic", method: .post, headers: [.authorization: "Bearer wrong"])
                #expect(response.status == .unauthorized)
            }
        }
        // One warning per interval: a loaded machine can spread the 50 calls over more than one interval.
        let intervals = (ContinuousClock.now - started) / AlertHookRoutes.refusalLogInterval
        let warnings = logs.lines.filter { $0.contains("alert hook refused a request") }
        #expect(warnings.count >= 1 && warnings.count <= 1 + Int(intervals), "\(warnings)")
    }
}
