import Foundation
import Testing

/// One local server as a test process sees it, loaded once: either its settings or why it cannot be used.
///
/// Put `.enabled(if: X.shouldRun)` (or the matching trait, such as `.postgresAvailable`) on a suite and call
/// `X.require()` in each test: without the server the tests are skipped, loudly, on a developer machine, and fail
/// when `CI=true`.
public struct LocalServerAvailability<Server: Sendable>: Sendable {
    public let result: Result<Server, LocalServerUnavailable>

    /// Runs `load` now; a failure is announced on standard error with what happens to the tests.
    public init(_ server: LocalServer, _ load: () throws(LocalServerUnavailable) -> Server) {
        do {
            result = .success(try load())
        } catch {
            result = .failure(error)
            let verdict =
                LocalServer.isCI
                ? "CI=true, so the tests that need the \(server.name) FAIL"
                : "the tests that need the \(server.name) are SKIPPED"
            FileHandle.standardError.write(Data("\n*** \(error.description)\n*** \(verdict).\n\n".utf8))
        }
    }

    /// Whether the tests that need the server run: always in CI (where a missing server must fail), else when
    /// it is up.
    public var shouldRun: Bool {
        if LocalServer.isCI { return true }
        if case .success = result { return true }
        return false
    }

    /// The server, or a loud failure (recorded as an issue at the caller and thrown) when it is not up.
    public func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> Server {
        switch result {
        case .success(let server):
            return server
        case .failure(let error):
            Issue.record("\(error.description)", sourceLocation: sourceLocation)
            throw error
        }
    }
}

/// A local server as the tests see it: its settings once loaded, and the two calls every suite makes.
public protocol LocalServerHelper: Sendable {
    /// The server, loaded (and probed, where that is cheap) once per test process.
    static var availability: LocalServerAvailability<Self> { get }
}

extension LocalServerHelper {
    /// Whether the tests that need the server run: always in CI (where a missing server must fail), else when it
    /// is up.
    public static var shouldRun: Bool { availability.shouldRun }

    /// The server, or a loud failure (recorded as an issue at the caller and thrown) when it is not up.
    public static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> Self {
        try availability.require(sourceLocation: sourceLocation)
    }
}
