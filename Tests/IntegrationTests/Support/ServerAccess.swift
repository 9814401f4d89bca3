import SitrepTestSupport
import Testing

/// Keeps server restarts away from tests that need the servers to stay up.
///
/// Swift Testing runs tests in parallel. A test that stops or restarts a server takes the servers exclusively
/// (`@Test(.ircServers(.exclusive))`); any other test that talks to them holds shared access
/// (`@Suite(.ircServersAvailable, .ircServers(.shared))`). A test marked exclusive inside a shared suite takes only
/// the exclusive lock. Waiting writers go first, so a restart is not starved by a stream of readers.
struct IRCServerAccessTrait: TestTrait, SuiteTrait, TestScoping {
    enum Mode: Sendable { case shared, exclusive }

    var mode: Mode
    var isRecursive: Bool { true }

    func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil, !test.isSuite else { return try await function() }
        let testIsExclusive = test.traits.contains { ($0 as? IRCServerAccessTrait)?.mode == .exclusive }
        if mode == .shared && testIsExclusive { return try await function() }
        let exclusive = mode == .exclusive
        await ServerAccessLock.shared.acquire(exclusive: exclusive)
        do {
            try await function()
        } catch {
            await ServerAccessLock.shared.release(exclusive: exclusive)
            throw error
        }
        await ServerAccessLock.shared.release(exclusive: exclusive)
    }
}

extension Trait where Self == IRCServerAccessTrait {
    /// Shared (default) or exclusive use of the local IRC servers for the duration of each test.
    static func ircServers(_ mode: IRCServerAccessTrait.Mode = .shared) -> Self { Self(mode: mode) }
}

/// An async readers–writer lock with writer preference, process-wide.
actor ServerAccessLock {
    static let shared = ServerAccessLock()

    private var readers = 0
    private var writer = false
    private var queue: [(exclusive: Bool, continuation: CheckedContinuation<Void, Never>)] = []

    func acquire(exclusive: Bool) async {
        if queue.isEmpty && canGrant(exclusive: exclusive) {
            grant(exclusive: exclusive)
            return
        }
        await withCheckedContinuation { continuation in
            queue.append((exclusive, continuation))
        }
    }

    func release(exclusive: Bool) {
        if exclusive { writer = false } else { readers -= 1 }
        while let first = queue.first, canGrant(exclusive: first.exclusive) {
            queue.removeFirst()
            grant(exclusive: first.exclusive)
            first.continuation.resume()
        }
    }

    private func canGrant(exclusive: Bool) -> Bool {
        exclusive ? (!writer && readers == 0) : !writer
    }

    private func grant(exclusive: Bool) {
        if exclusive { writer = true } else { readers += 1 }
    }
}
