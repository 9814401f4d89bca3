import Foundation
import Logging
import Matrix
import MatrixClient
import ServiceLifecycle
import SitrepApp
import SitrepCore
import SitrepTestSupport
import Testing

/// The whole sitrep built by `sitrep run`'s composition root, on Matrix alone (no `irc:`), against the local
/// Synapse: a person invites the bot, declares in the room, and runs the incident in the room the
/// bot creates for it; every line lands on the timeline in order.
@Suite(.enabled(if: LocalSynapse.shouldRun), .serialized)
struct MatrixBotEndToEndTests {
    /// Silent unless `SITREP_TEST_LOG` is set (then debug lines go to stderr).
    static let logger: Logger = {
        guard ProcessInfo.processInfo.environment["SITREP_TEST_LOG"] != nil else {
            return Logger(label: "matrix-e2e") { _ in SwiftLogNoOpLogHandler() }
        }
        var logger = Logger(label: "matrix-e2e") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .trace
        return logger
    }()

    /// The bot runs as carol, whom no other Matrix test logs in as, so this suite and `MatrixClientIntegrationTests`
    /// (whose bot is `sitrep`) can run side by side without answering each other's invites.
    static let botUser = "carol"

    /// A fresh device per run: Synapse answers a repeated initial `/sync` of one device from a cache for two
    /// minutes, which would hand this run the previous run's catch-up.
    static func config(_ synapse: LocalSynapse, folder: URL, prefix: String, device: String) -> SitrepConfig {
        // Matrix only: no IRC client, the timers wait for Matrix alone (`CrossNetworkAnnouncementTests` runs both).
        var config = SitrepConfig()
        config.store = SitrepConfig.Store(sqlitePath: folder.appendingPathComponent("sitrep.sqlite").path)
        config.incidents.channelPrefix = prefix
        config.people = SitrepConfig.People(
            commanders: [.account(synapse.userID("alice"), network: "matrix")],
            responders: [.account(synapse.userID("bob"), network: "matrix")])
        config.matrix = SitrepConfig.Matrix(
            homeserver: synapse.url, userID: synapse.userID(botUser),
            credentials: .password(Secret(synapse.password)), deviceID: device, caFile: synapse.caFile)
        return config
    }

    /// A fresh setup and alice (a commander) signed in, for `body`; the folder is removed and alice signed out after.
    static func withAlice(_ body: (Setup, _ alice: Person) async throws -> Void) async throws {
        let setup = Setup(synapse: try LocalSynapse.require())
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let alice = try await Person(setup.synapse, user: "alice")
        defer { Task { try? await alice.client.shutdown() } }
        try await body(setup, alice)
    }

    /// The same with bob (a responder) signed in too.
    static func withAliceAndBob(_ body: (Setup, _ alice: Person, _ bob: Person) async throws -> Void) async throws {
        try await withAlice { setup, alice in
            let bob = try await Person(setup.synapse, user: "bob")
            defer { Task { try? await bob.client.shutdown() } }
            try await body(setup, alice, bob)
        }
    }

    /// Runs the app's services for the duration of `body`.
    static func running(_ parts: SitrepApplication.Parts, _ body: () async throws -> Void) async throws {
        let group = ServiceGroup(
            configuration: .init(services: parts.services.map { .init(service: $0) }, logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { tasks.cancelAll() }
            try await body()
            await group.triggerGracefulShutdown()
            try await tasks.next()
        }
    }

    /// A person (alice, a commander) with her own sync cursor, for one test.
    final class Person: @unchecked Sendable {
        let client: MatrixClient
        let filterID: String
        var cursor = MatrixSyncCursor(persisted: nil)
        let tag = "\(UInt32.random(in: 0...UInt32.max))"
        var sent = 0
        /// Every message seen so far, by room, in order.
        var seen: [String: [MatrixEvent]] = [:]

        init(_ synapse: LocalSynapse, user: String) async throws {
            let client = try MatrixClientIntegrationTests.client(synapse, user: user)
            var cursor = MatrixSyncCursor(persisted: nil)
            do {
                try await client.start()
                filterID = try await client.createFilter(MatrixSyncFilter())
                _ = try await MatrixClientIntegrationTests.sync(client, filterID: filterID, cursor: &cursor) { $0 }
            } catch {
                // A client freed unshut traps in AsyncHTTPClient and takes the whole test run down (a Synapse
                // configured but down): shut it, and fail this test alone.
                try? await client.shutdown()
                throw error
            }
            self.client = client
            self.cursor = cursor
        }

        func say(_ text: String, in roomID: String) async throws {
            sent += 1
            _ = try await client.send(
                .text(text), to: roomID, transactionID: MatrixTransactionID(parts: [tag, "\(sent)"]))
        }

        /// The body of the next `m.notice` from `sender` in `roomID` containing `text`.
        func notice(from sender: String, in roomID: String, containing text: String) async throws -> String {
            try await waitFor { response in
                response.rooms.join[roomID]?.timeline.events.lazy.compactMap { event -> String? in
                    guard event.sender == sender, case .message(let message) = event.content,
                        message.msgtype == "m.notice", message.body.contains(text)
                    else { return nil }
                    return message.body
                }.first
            }
        }

        /// Syncs until `found` returns a value.
        func waitFor<T>(_ found: (MatrixSyncResponse) -> T?) async throws -> T {
            try await MatrixClientIntegrationTests.sync(client, filterID: filterID, cursor: &cursor) { response in
                for (roomID, room) in response.rooms.join { seen[roomID, default: []] += room.timeline.events }
                return found(response)
            }
        }

        /// The messages `sender` posted in `roomID`, as seen so far.
        func botEvents(from sender: String, in roomID: String) -> [MatrixMessageContent] {
            (seen[roomID] ?? []).compactMap { event in
                guard event.sender == sender, case .message(let message) = event.content else { return nil }
                return message
            }
        }

        /// The bodies of the messages `sender` posted in `roomID`, as seen so far.
        func botMessages(from sender: String, in roomID: String) -> [String] {
            (seen[roomID] ?? []).compactMap { event in
                guard event.sender == sender, case .message(let message) = event.content else { return nil }
                return message.body
            }
        }
    }

    /// Alice opens a room with the bot (or uses `room`, to which she invited it), declares there and joins the
    /// incident room the bot makes; returns the incident room's id.
    static func declare(
        as alice: Person, botID: String, alias: String, title: String = "Checkout returns 500s",
        severity: String = "sev2", in room: String? = nil
    ) async throws -> String {
        var roomID = room ?? ""
        if room == nil {
            roomID = try await alice.client.createRoom(MatrixCreateRoomRequest(name: "ops", invite: [botID]))
        }
        _ = try await alice.waitFor { response in
            let joined = response.rooms.join[roomID]?.timeline.events.contains { event in
                guard event.stateKey == botID, case .member(let member) = event.content else { return false }
                return member.membership == "join"
            }
            return joined == true ? true : nil
        }
        try await alice.say("!declare \(severity) \(title)", in: roomID)
        let reply = try await alice.notice(from: botID, in: roomID, containing: "declared")
        #expect(reply.contains("incident 1 declared (\(severity.uppercased()))") && reply.contains(alias))
        let incidentRoom = try await alice.waitFor { $0.rooms.invite.first { $0.value.canonicalAlias == alias }?.key }
        #expect(try await alice.client.join(alias) == incidentRoom)
        return incidentRoom
    }

    /// A fresh store folder and incident prefix, and the config over them.
    struct Setup {
        let synapse: LocalSynapse
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-matrix-\(UUID())")
        let number = UInt32.random(in: 0...UInt32.max)
        var prefix: String { "#inc\(number)-" }
        var alias: String { "\(prefix)1:\(synapse.serverName)" }
        var botID: String { synapse.userID(MatrixBotEndToEndTests.botUser) }
        var config: SitrepConfig {
            MatrixBotEndToEndTests.config(synapse, folder: folder, prefix: prefix, device: "E2E\(number)")
        }

        /// The app; `timelineLimit` lowers the events per room and sync, to make the bot page back over gaps.
        func makeParts(timelineLimit: Int = 100) throws -> SitrepApplication.Parts {
            var config = config
            config.matrix?.timelineLimit = timelineLimit
            return try SitrepApplication.makeParts(config: config, logger: MatrixBotEndToEndTests.logger)
        }
    }

    @Test(.timeLimit(.minutes(2))) func aUserInvitesTheBotDeclaresAndRunsTheIncidentInItsRoom() async throws {
        try await Self.withAlice { setup, alice in
            let parts = try setup.makeParts()
            try await Self.running(parts) {
                let incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)
                try await alice.say("error rate is 40% on checkout-api", in: incidentRoom)
                try await alice.say("!ack", in: incidentRoom)
                let ack = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "acknowledged")
                #expect(ack.contains("incident 1 acknowledged by alice"))
                try await parts.writer.drain()

                let incident = try #require(try await parts.store.incident(id: 1))
                #expect(incident.channel == ChatChannel(network: "matrix", name: setup.alias))
                #expect(incident.declaredBy.identity == .account(setup.synapse.userID("alice"), network: "matrix"))
                let timeline = try await parts.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
                let spoken = timeline.filter { $0.kind == .message || $0.kind == .bot }.map(\.text)
                let observation = try #require(spoken.firstIndex(of: "error rate is 40% on checkout-api"))
                let command = try #require(spoken.firstIndex(of: "!ack"))
                let answer = try #require(spoken.firstIndex { $0.contains("acknowledged") })
                #expect(observation < command && command < answer)
                #expect(timeline.first { $0.text == "!ack" }?.account == setup.synapse.userID("alice"))
                #expect(try await parts.store.checkpoint(stream: "matrix") != nil)

                // The commander runs it to the end: resolve, the cause, close.
                for (command, reply) in [
                    ("!resolve rolled back deploy 512", "resolved"), ("!cause a migration locked the orders table", "cause"),
                    ("!close", "closed"),
                ] {
                    try await alice.say(command, in: incidentRoom)
                    _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: reply)
                }
                #expect(try await parts.store.incident(id: 1)?.state == .closed)
            }
        }
    }

    /// Stopped between syncs and started again on the same store and device: what was said meanwhile is recorded
    /// once, in order (more than one sync's worth: the bot pages back over the gap), the command sent meanwhile is
    /// answered once, and nothing from before is recorded again.
    @Test(.timeLimit(.minutes(3))) func aRestartResumesExactlyWhereTheBotStopped() async throws {
        try await Self.withAlice { setup, alice in
            var incidentRoom = ""
            let first = try setup.makeParts()
            try await Self.running(first) {
                incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)
                try await alice.say("before the restart", in: incidentRoom)
                try await alice.say("!ack", in: incidentRoom)
                _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "acknowledged")
            }
            let stoppedAt = try await first.store.checkpoint(stream: "matrix")
            try await alice.say("while it was down 1", in: incidentRoom)
            try await alice.say("while it was down 2", in: incidentRoom)
            try await alice.say("while it was down 3", in: incidentRoom)
            try await alice.say("!lead", in: incidentRoom)

            let second = try setup.makeParts(timelineLimit: 2)
            try await Self.running(second) {
                let lead = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "now leads")
                #expect(lead.contains("alice now leads incident 1"))
                try await alice.say("!status", in: incidentRoom)
                _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "lead: alice")
                try await second.writer.drain()
                #expect(try await second.store.checkpoint(stream: "matrix") != stoppedAt)
                let texts = try await second.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
                    .filter { $0.kind == .message }.map(\.text)
                #expect(
                    texts == [
                        "before the restart", "!ack", "while it was down 1", "while it was down 2", "while it was down 3",
                        "!lead", "!status",
                    ])
            }
            let notices = try await alice.waitFor { response -> [String]? in
                let bodies = (response.rooms.join[incidentRoom]?.timeline.events ?? []).compactMap { event -> String? in
                    guard event.sender == setup.botID, case .message(let message) = event.content else { return nil }
                    return message.body
                }
                return bodies
            }
            #expect(!notices.contains { $0.contains("now leads") }, "the reply to !lead was posted once, seen above")
        }
    }

    @Test(.timeLimit(.minutes(2))) func anInviteToAnEncryptedRoomGetsANoticeAndTheBotLeaves() async throws {
        try await Self.withAlice { setup, alice in
            let parts = try setup.makeParts()
            try await Self.running(parts) {
                let roomID = try await alice.client.createRoom(
                    MatrixCreateRoomRequest(name: "secret", invite: [setup.botID], encrypted: true))
                var notice: String?
                var left = false
                try await alice.waitFor { response -> Bool? in
                    for event in response.rooms.join[roomID]?.timeline.events ?? [] where event.sender == setup.botID {
                        if case .message(let message) = event.content { notice = message.body }
                        if case .member(let member) = event.content, member.membership == "leave" { left = true }
                    }
                    return left ? true : nil
                }
                #expect(notice == MatrixInvitePolicy.encryptedRoomNotice)
            }
        }
    }

    @Test(.timeLimit(.minutes(2))) func anEscalationToAMatrixUserPagesThemByDirectMessage() async throws {
        try await Self.paging { setup, alice, bob, bobID in
            let parts = try setup.makeParts()
            try await Self.running(parts) {
                let incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)
                try await alice.say("!escalate \(bobID) the database is on fire", in: incidentRoom)
                _ = try await alice.notice(from: setup.botID, in: incidentRoom, containing: "escalat")
                // The room hears who is paged, and the line mentions them (their client notifies them).
                let naming = alice.botEvents(from: setup.botID, in: incidentRoom).filter { $0.body.contains(bobID) }
                #expect(!naming.isEmpty && naming.allSatisfy { $0.mentions?.userIDs == [bobID] }, "\(naming)")
                let directRoom = try await setup.directRoom(with: bobID)
                try await bob.waitForInvites(to: [incidentRoom, directRoom], from: setup.botID, for: bobID)
                _ = try await bob.client.join(directRoom)
                let page = try await bob.page(from: setup.botID, in: directRoom)
                #expect(page.contains("You are paged for INC-1") && page.contains("the database is on fire"))
            }
        }
    }
}
