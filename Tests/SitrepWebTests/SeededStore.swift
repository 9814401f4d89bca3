import Foundation
import IncidentRuntime
import Logging
import SQLiteStore
import SitrepApp
import SitrepCore

/// A real SQLite store filled through the real chat path (commands and transcript lines handed to the incident
/// coordinator), so the timelines hold exactly what a running sitrep writes.
///
/// - INC-1 SEV4 "Old outage": resolved 30 days before `now` (outside the recent window).
/// - INC-2 SEV1 `<script>…` title: acknowledged, led, an update, mitigated; transcript lines of every kind and a
///   note, each carrying a marker that must never reach a public response.
/// - INC-3 SEV3 "Search slow": update, resolved, root cause, closed (has a review summary), then a factor and a
///   lesson (internal, with markers).
/// - INC-4 SEV2 "Login errors": just declared, no update.
struct SeededStore: Sendable {
    let store: SQLiteIncidentStore
    let directory: URL

    static let start: Int64 = 1_764_000_000_000
    /// The web server's "now": one hour after INC-2 was declared.
    static let now = Timestamp(milliseconds: start + 3_600_000)
    static let scriptTitle = "<script>alert(1)</script> Checkout down"

    /// Markers written only in internal entries (transcript lines, notes, factors, lessons).
    static let internalMarkers = [
        "MSGMARK7f3a", "NOTICEMARK21b9", "ACTIONMARK0c4d", "PARTMARK9e2f", "TOPICMARK5a7b", "NOTEMARK3d8c",
        "FACTORMARK6e1a", "LESSONMARK4b2c",
    ]

    static let alice = Participant(identity: .account("alice"), nick: "alice")
    static let bob = Participant(identity: .account("bob"), nick: "bob")
    static let carol = Participant(identity: .account("carol"), nick: "carol")

    /// Builds the store in a new temporary folder; `remove()` deletes it.
    static func make() async throws -> SeededStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteIncidentStore(path: directory.appendingPathComponent("sitrep.sqlite").path)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let writer = TimelineWriter(store: store, logger: logger)
        let settings = CoordinatorSettings(
            permissions: Permissions(commanders: [.account("alice")], responders: [.account("bob")]))
        let coordinator = IncidentCoordinator(
            store: store, writer: writer, network: NullChatNetwork(), settings: settings, logger: logger,
            clock: { Timestamp(milliseconds: start) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            defer { group.cancelAll() }
            try await coordinator.start()
            try await Script(coordinator: coordinator).play()
            try await writer.drain()
        }
        return SeededStore(store: store, directory: directory)
    }

    func remove() {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// What people do in chat, in order.
    private struct Script {
        let coordinator: IncidentCoordinator

        func play() async throws {
            await say("!declare sev4 Old outage", by: alice, in: "#ops", at: -30 * 86_400)
            await say("!resolve it went away", by: alice, in: "#inc-1", at: -30 * 86_400 + 600)
            await say("!declare sev1 \(scriptTitle)", by: carol, in: "#ops", at: 0)
            await say("!declare sev3 Search slow", by: carol, in: "#ops", at: 10)
            await say("!declare sev2 Login errors", by: carol, in: "#ops", at: 20)
            await checkout()
            await search()
        }

        /// INC-2.
        private func checkout() async {
            let channel = "#inc-2"
            await say("!ack", by: bob, in: channel, at: 60)
            await say("the db is on fire MSGMARK7f3a", by: bob, in: channel, at: 70)
            await event(.message(text: "NOTICEMARK21b9 fyi", style: .notice), by: carol, in: channel, at: 75)
            await event(.message(text: "looks ACTIONMARK0c4d", style: .action), by: carol, in: channel, at: 80)
            await event(.topic(text: "war room TOPICMARK5a7b"), by: carol, in: channel, at: 85)
            await event(.part(reason: "lunch PARTMARK9e2f"), by: carol, in: channel, at: 90)
            await say("!note suspect the deploy NOTEMARK3d8c", by: bob, in: channel, at: 100)
            await say("!lead", by: alice, in: channel, at: 110)
            await say("!update Checkout is degraded; a fix is rolling out", by: bob, in: channel, at: 200)
            await say("!mitigated rolled back to 511", by: bob, in: channel, at: 300)
        }

        /// INC-3.
        private func search() async {
            let channel = "#inc-3"
            await say("!ack", by: bob, in: channel, at: 100)
            await say("!update Search is slow for some users", by: bob, in: channel, at: 150)
            await say("!resolve reindexed", by: alice, in: channel, at: 600)
            await say("!cause runaway reindex job", by: bob, in: channel, at: 700)
            await say("!close", by: alice, in: channel, at: 900)
            await say("!factor no alert on index size FACTORMARK6e1a", by: bob, in: channel, at: 1000)
            await say("!lesson throttle reindexing LESSONMARK4b2c", by: bob, in: channel, at: 1010)
        }

        private func say(_ text: String, by who: Participant, in channel: String, at second: Int64) async {
            await event(.message(text: text, style: .plain), by: who, in: channel, at: second)
        }

        private func event(_ kind: ChatEvent.Kind, by who: Participant, in channel: String, at second: Int64) async {
            let event = ChatEvent(
                kind: kind, channel: ChatChannel(name: channel), sender: who,
                time: Timestamp(milliseconds: start + second * 1000))
            await coordinator.handle(event)
        }
    }
}
