import Foundation
import Matrix
import MatrixClient
import SQLiteStore
import SitrepCore
import SitrepTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real `sitrep` binary killed (SIGKILL, `SITREP_CRASH_AT=matrix.read-received`) after it took bob's read
/// receipt for a chat page from a sync and before it marked the page read, then started again. Part of the
/// serialized end-to-end suite: its bot is the same Matrix account.
extension MatrixBotEndToEndTests {
    /// After the restart the page is marked read (the receipt is not lost with the dead process), bob got the page
    /// once, and nothing more was claimed for it.
    @Test(.timeLimit(.minutes(4))) func aReadReceiptCutByAKillIsTakenAgainAfterTheRestart() async throws {
        try await Self.paging { setup, alice, bob, bobID in
            try FileManager.default.createDirectory(at: setup.folder, withIntermediateDirectories: true)
            let port = Self.freePort()
            // Two minutes to read it: long enough that a page marked read by the restarted bot was not failed
            // as unread meanwhile.
            let yaml =
                Self.killTestYAML(setup, responders: [bobID]) + "web:\n  listen: 127.0.0.1:\(port)\n"
                + "paging:\n  rules: [{ method: chat, unread_after: 2m }]\n"
            try yaml.write(to: setup.folder.appendingPathComponent("sitrep.yaml"), atomically: true, encoding: .utf8)

            let armed = try Self.startProcess(
                "armed", setup, webPort: port, crashAt: CrashPoint.matrixReadReceived.rawValue)
            defer { if armed.process.isRunning { kill(armed.process.processIdentifier, SIGKILL) } }
            #expect(try await armed.waitUntilReady())
            let incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)
            try await alice.say("!escalate \(bobID) disk full on db-2", in: incidentRoom)
            let directRoom = try await setup.directRoom(with: bobID)
            _ = try await bob.client.join(directRoom)
            let page = try await bob.pageEvent(from: setup.botID, in: directRoom, containing: "disk full on db-2")
            try await bob.client.sendReadReceipt(in: directRoom, upTo: page)
            #expect(try await armed.waitForCrash(), "sitrep dies at matrix.read-received")

            let restarted = try Self.startProcess("restarted", setup, webPort: port)
            defer { if restarted.process.isRunning { kill(restarted.process.processIdentifier, SIGKILL) } }
            #expect(try await restarted.waitUntilReady())
            let pages = try await Self.pagesAnswer(alice, in: incidentRoom, botID: setup.botID) {
                $0.contains("): read at")
            }
            #expect(pages.contains("): read at"), "the restarted bot took bob's receipt again: \(pages)")
            try await Self.settle(restarted)

            let store = try SQLiteIncidentStore(path: setup.folder.appendingPathComponent("sitrep.sqlite").path)
            defer { try? store.close() }
            let attempts = try await store.pageAttempts(incidentID: 1).filter { $0.person.name == bobID }
            #expect(attempts.count == 1, "one attempt, nothing claimed after it: \(attempts)")
            #expect(attempts.first?.method == "chat" && attempts.first?.status == .read, "\(attempts)")
            _ = try? await bob.waitFor { _ in nil as Bool? }
            let delivered = bob.botMessages(from: setup.botID, in: directRoom).filter { $0.contains("disk full on db-2") }
            #expect(delivered.count == 1, "bob got the page once: \(delivered)")
        }
    }

    /// alice's `!pages` answer once `done` holds for it, asking again (up to ten times, a second apart) while it
    /// does not; the last answer otherwise.
    static func pagesAnswer(
        _ alice: Person, in room: String, botID: String, until done: (String) -> Bool
    ) async throws -> String {
        var answer = ""
        for _ in 1...10 {
            try await alice.say("!pages", in: room)
            answer = try await alice.notice(from: botID, in: room, containing: "(manual-")
            if done(answer) { return answer }
            try await Task.sleep(for: .seconds(1))
        }
        return answer
    }
}
