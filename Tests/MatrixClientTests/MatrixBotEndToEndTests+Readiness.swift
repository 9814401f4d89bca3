import Foundation
import Matrix
import MatrixClient
import SitrepCore
import SitrepTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real `sitrep` binary restarted in a quiet room (nothing new since its last sync): it is ready, and a page
/// that came due while it was down fires, within seconds of the start, not after the first 30 s long poll.
/// Part of the serialized end-to-end suite: its bot is the same Matrix account.
extension MatrixBotEndToEndTests {
    /// A tier paging bob 8 s after a SEV2 is declared, unless someone acknowledges.
    static let pageAfterEightSeconds = """
        escalation:
          policies:
            default:
              tiers:
                - notify: ["@bob:localhost"]
                  after: 8s
        timers:
          sev2: { acknowledge: 8s, update_every: 10m }

        """

    @Test(.timeLimit(.minutes(3))) func afterARestartInAQuietRoomTheBotIsReadyAndADuePageFiresWithinSeconds()
        async throws
    {
        let setup = Setup(synapse: try LocalSynapse.require())
        try FileManager.default.createDirectory(at: setup.folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let port = Self.freePort()
        let extra = Self.pageAfterEightSeconds.replacingOccurrences(of: "@bob:localhost", with: setup.synapse.userID("bob"))
        try Self.processYAML(setup, webPort: port, extra: extra)
            .write(to: setup.folder.appendingPathComponent("sitrep.yaml"), atomically: true, encoding: .utf8)
        let alice = try await Person(setup.synapse, user: "alice")
        defer { Task { try? await alice.client.shutdown() } }

        let first = try Self.startProcess("first", setup, webPort: port)
        defer { if first.process.isRunning { kill(first.process.processIdentifier, SIGKILL) } }
        #expect(try await first.waitUntilReady())
        let incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)
        let declaredAt = ContinuousClock.now
        // The bot takes in its own last sends, so the room is quiet when it comes back; then it dies.
        try await Task.sleep(for: .seconds(2))
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        // The page comes due (8 s after the declaration) while the bot is down.
        try await Task.sleep(until: declaredAt + .seconds(10))

        let started = ContinuousClock.now
        let second = try Self.startProcess("second", setup, webPort: port)
        defer { if second.process.isRunning { kill(second.process.processIdentifier, SIGKILL) } }
        #expect(try await second.waitUntilReady(within: .seconds(40)))
        let ready = started.duration(to: .now)
        let page = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "PAGE tier 1")
        let paged = started.duration(to: .now)
        second.stop()
        print("after a restart in a quiet room: ready after \(ready), the due page after \(paged)")
        #expect(page.contains("is not acknowledged"))
        #expect(ready < .seconds(5), "ready \(ready) after the start (the login included)")
        #expect(paged < .seconds(6), "the due page \(paged) after the start (the login included)")
    }
}
