import Foundation
import Logging
import Matrix
import MatrixClient
import ServiceLifecycle
import SitrepApp
import SitrepCore
import Testing

/// The whole sitrep built by `sitrep run`'s composition root, connected to IRC (unreachable here) and to the
/// local Synapse at once: a person invites the bot, declares in the room, and runs the incident in the room the
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
        // IRC on a port nobody listens on: the IRC client keeps reconnecting; Matrix runs beside it.
        var config = SitrepConfig(irc: SitrepConfig.IRC(host: "127.0.0.1", port: 9, tls: SitrepConfig.TLS(enabled: false), nick: "sitrep"))
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

    /// The body of the first `m.notice` from `sender` in `roomID` containing `text`, seen by `client`'s sync.
    static func notice(
        from sender: String, in roomID: String, containing text: String, client: MatrixClient, filterID: String,
        cursor: inout MatrixSyncCursor
    ) async throws -> String {
        try await MatrixClientIntegrationTests.sync(client, filterID: filterID, cursor: &cursor) { response in
            response.rooms.join[roomID]?.timeline.events.lazy.compactMap { event -> String? in
                guard event.sender == sender, case .message(let message) = event.content, message.msgtype == "m.notice",
                    message.body.contains(text)
                else { return nil }
                return message.body
            }.first
        }
    }

    @Test(.timeLimit(.minutes(2))) func aUserInvitesTheBotDeclaresAndRunsTheIncidentInItsRoom() async throws {
        let synapse = try LocalSynapse.require()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-matrix-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = "#inc\(UInt32.random(in: 0...UInt32.max))-"
        let botID = synapse.userID(Self.botUser)
        let alice = try MatrixClientIntegrationTests.client(synapse, user: "alice")
        defer { Task { try? await alice.shutdown() } }
        try await alice.start()
        let filterID = try await alice.createFilter(MatrixSyncFilter())
        var cursor = MatrixSyncCursor(persisted: nil)
        _ = try await MatrixClientIntegrationTests.sync(alice, filterID: filterID, cursor: &cursor) { $0 }

        let parts = try SitrepApplication.makeParts(config: Self.config(synapse, folder: folder, prefix: prefix, device: "E2E\(prefix.dropFirst(4).dropLast())"), logger: Self.logger)
        try await Self.running(parts) {
            let roomID = try await alice.createRoom(MatrixCreateRoomRequest(name: "ops", invite: [botID]))
            _ = try await MatrixClientIntegrationTests.sync(alice, filterID: filterID, cursor: &cursor) { response in
                let joined = response.rooms.join[roomID]?.timeline.events.contains { event in
                    guard event.stateKey == botID, case .member(let member) = event.content else { return false }
                    return member.membership == "join"
                }
                return joined == true ? true : nil
            }
            _ = try await alice.send(
                .text("!declare sev2 Checkout returns 500s"), to: roomID, transactionID: MatrixTransactionID(parts: ["declare", prefix]))
            let reply = try await Self.notice(
                from: botID, in: roomID, containing: "declared", client: alice, filterID: filterID, cursor: &cursor)
            let alias = "\(prefix)1:\(synapse.serverName)"
            #expect(reply.contains("incident 1 declared (SEV2)") && reply.contains(alias))

            let incidentRoom = try await MatrixClientIntegrationTests.sync(alice, filterID: filterID, cursor: &cursor) {
                $0.rooms.invite.first { $0.value.canonicalAlias == alias || $0.value.name?.hasPrefix(String(alias.dropFirst().prefix { $0 != ":" })) == true }?.key
            }
            #expect(try await alice.join(alias) == incidentRoom)
            _ = try await alice.send(.text("error rate is 40% on checkout-api"), to: incidentRoom, transactionID: MatrixTransactionID(parts: ["obs", prefix]))
            _ = try await alice.send(.text("!ack"), to: incidentRoom, transactionID: MatrixTransactionID(parts: ["ack", prefix]))
            let ack = try await Self.notice(
                from: botID, in: incidentRoom, containing: "acknowledged", client: alice, filterID: filterID, cursor: &cursor)
            #expect(ack.contains("acknowledged"))
            try await parts.writer.drain()

            let incident = try #require(try await parts.store.incident(id: 1))
            #expect(incident.channel == ChatChannel(network: "matrix", name: alias))
            #expect(incident.declaredBy.identity == .account(synapse.userID("alice"), network: "matrix"))
            let timeline = try await parts.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            let spoken = timeline.filter { $0.kind == .message || $0.kind == .bot }.map(\.text)
            let observation = try #require(spoken.firstIndex(of: "error rate is 40% on checkout-api"))
            let command = try #require(spoken.firstIndex(of: "!ack"))
            let answer = try #require(spoken.firstIndex { $0.contains("acknowledged") })
            #expect(observation < command && command < answer)
            #expect(timeline.first { $0.text == "!ack" }?.account == synapse.userID("alice"))
            #expect(try await parts.store.checkpoint(stream: "matrix") != nil)
        }
    }
}
